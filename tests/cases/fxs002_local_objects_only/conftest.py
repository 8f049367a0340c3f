import pytest


@pytest.fixture(scope="session")
def cfg():
    return {"flags": {}, "users": []}
