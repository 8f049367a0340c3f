import pytest

SHARED = "session"
PER_TEST = "function"


@pytest.fixture(scope=SHARED)
def shared():
    return {}


@pytest.fixture(scope=PER_TEST)
def per_test():
    return {}
