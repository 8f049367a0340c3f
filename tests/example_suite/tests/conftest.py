import pytest


@pytest.fixture(scope="session")
def db_conn():
    return {"users": ["alice", "bob"], "settings": {"debug": False}}
