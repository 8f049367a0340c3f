import pytest


@pytest.fixture(scope="session")
def cfg():
    return {"db": {"host": "x"}, "users": ["ann", "bob"], "flags": {"debug": False}}
