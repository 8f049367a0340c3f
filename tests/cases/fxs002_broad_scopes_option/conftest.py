import pytest


@pytest.fixture(scope="module")
def per_module():
    return []


@pytest.fixture(scope="session")
def per_session():
    return []
