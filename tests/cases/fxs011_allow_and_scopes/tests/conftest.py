import pytest


@pytest.fixture(scope="session")
def scratch():
    return {}


@pytest.fixture(scope="module")
def module_list():
    return []


@pytest.fixture(scope="session")
def session_list():
    return []  # error: FXS011
