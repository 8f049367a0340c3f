import pytest


@pytest.fixture(scope="session")
def config():
    return {"a": 1}
