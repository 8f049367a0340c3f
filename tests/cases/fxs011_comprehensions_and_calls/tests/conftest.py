import collections

import pytest


@pytest.fixture(scope="session")
def squares():
    return [n * n for n in range(3)]  # error: FXS011


@pytest.fixture(scope="session")
def index():
    return dict(a=1)  # error: FXS011


@pytest.fixture(scope="session")
def counts():
    return collections.defaultdict(int)  # error: FXS011


@pytest.fixture(scope="session")
def buffer():
    return bytearray(b"x")  # error: FXS011
