import pytest


@pytest.fixture(scope="session")
def pair():
    return (1, 2)


@pytest.fixture(scope="session")
def name():
    return "ann"


@pytest.fixture(scope="session")
def frozen():
    return frozenset({1})
