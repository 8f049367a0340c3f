import pytest


@pytest.fixture(scope="session")
def users():
    return ["alice"]  # error: FXS011


@pytest.fixture(scope="module")
def config():
    yield {"debug": False}  # error: FXS011
    print("done")


@pytest.fixture(scope="class")
def tags():
    return {"a", "b"}  # error: FXS011


@pytest.fixture
def per_test():
    return {"fresh": True}
