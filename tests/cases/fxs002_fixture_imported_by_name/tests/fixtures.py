import pytest


@pytest.fixture(scope="session")
def db():
    return {"rows": []}


@pytest.fixture(scope="session")
def store():
    return {"hits": []}
