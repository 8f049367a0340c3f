import pytest


@pytest.fixture(scope="session")
def registry():
    return {"names": [], "meta": {}}


@pytest.fixture
def per_test():
    return {"names": []}
