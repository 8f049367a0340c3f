import pytest


@pytest.fixture(scope="session")
def registry():
    return {"plugins": []}


@pytest.fixture(scope="session")
def scratch():
    return {}


@pytest.fixture(scope="session")
def guarded():
    return {}
