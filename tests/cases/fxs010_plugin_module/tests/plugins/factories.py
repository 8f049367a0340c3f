import pytest


@pytest.fixture
def make_user():
    return lambda name: {"name": name}


@pytest.fixture(scope="session")
def shared_factory():
    return object()
