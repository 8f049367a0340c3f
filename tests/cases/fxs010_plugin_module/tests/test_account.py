import pytest


@pytest.fixture(scope="module")
def uses_session_plugin_fixture(shared_factory):
    return shared_factory


def test_account(account, make_user):
    assert account["name"] == "a"
