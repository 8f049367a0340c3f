import pytest

pytest_plugins = ["tests.plugins.factories"]


@pytest.fixture(scope="session")
def account(make_user):  # error: FXS010
    return make_user("a")
