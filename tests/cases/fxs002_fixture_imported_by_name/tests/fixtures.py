import pytest


@pytest.fixture(scope="session")
def db():
    return {"rows": []}


@pytest.fixture(scope="session")
def cache():
    return {"hits": []}
