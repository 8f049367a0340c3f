import pytest


@pytest.fixture(scope="session")
def above():
    return {"seen": []}
