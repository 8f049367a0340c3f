import pytest


@pytest.fixture(scope="session")
def numbers():
    return [3, 1, 2]


@pytest.fixture(scope="session")
def mapping():
    return {"a": 1}
