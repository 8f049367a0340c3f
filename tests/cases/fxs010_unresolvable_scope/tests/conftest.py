import pytest


def pick_scope(fixture_name, config):
    return "session"


@pytest.fixture
def per_test():
    return 1


@pytest.fixture(scope=pick_scope)
def dynamic(per_test):
    return per_test


@pytest.fixture(scope="session")
def wide(dynamic, some_unknown_plugin_fixture):
    return dynamic
