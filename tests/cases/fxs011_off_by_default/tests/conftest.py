import pytest


@pytest.fixture(scope="session")
def users():
    return ["alice"]
