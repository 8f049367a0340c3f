import pytest

from tests.client import Client


@pytest.fixture(scope="session")
def client():
    return Client()
