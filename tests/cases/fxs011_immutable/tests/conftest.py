import types

import pytest


@pytest.fixture(scope="session")
def pair():
    return (1, 2)


@pytest.fixture(scope="session")
def names():
    return frozenset({"a"})


@pytest.fixture(scope="session")
def view():
    return types.MappingProxyType({"a": 1})


@pytest.fixture(scope="session")
def text():
    return "abc"
