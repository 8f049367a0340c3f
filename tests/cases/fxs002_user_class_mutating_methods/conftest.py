import pytest

from store import Store


@pytest.fixture(scope="session")
def store():
    return Store()
