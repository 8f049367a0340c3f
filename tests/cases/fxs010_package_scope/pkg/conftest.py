import pytest


@pytest.fixture(scope="module")
def module_thing():
    return 1


@pytest.fixture(scope="session")
def session_thing():
    return 2


@pytest.fixture(scope="package")
def package_thing(module_thing, session_thing):  # error: FXS010
    return module_thing + session_thing


@pytest.fixture(scope="package")
def package_ok(session_thing, request):
    return session_thing
