import pytest


@pytest.fixture(scope="session")
def db():
    return {"users": [], "admins": []}


@pytest.fixture(scope="module")
def settings():
    return type("Settings", (), {})()
