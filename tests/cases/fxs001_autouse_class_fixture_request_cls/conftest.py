import pytest


@pytest.fixture(scope="session")
def registry():
    return {"names": [], "meta": {}}
