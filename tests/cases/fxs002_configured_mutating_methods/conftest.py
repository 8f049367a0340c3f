import pytest

from someclient import make_client


@pytest.fixture(scope="session")
def client():
    return make_client()


@pytest.fixture(scope="session")
def rows():
    return []
