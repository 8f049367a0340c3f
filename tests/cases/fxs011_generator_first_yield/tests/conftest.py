import pytest


@pytest.fixture(scope="session")
def resource():
    state = {"open": True}
    yield state  # error: FXS011
    state.clear()


@pytest.fixture(scope="session")
def nested_return():
    def helper():
        return []
    return helper
