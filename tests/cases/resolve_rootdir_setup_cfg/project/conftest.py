import pytest


@pytest.fixture(scope="session")
def inside():
    return {"seen": []}
