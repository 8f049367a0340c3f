import pytest


class Resource:
    state = "idle"

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return None


@pytest.fixture(scope="session")
def cfg():
    return {"db": {"host": "x"}, "users": [{"name": "ann"}], "flags": {"debug": False}}


@pytest.fixture(scope="module")
def resource():
    return Resource()
