import pytest


@pytest.fixture(scope="session", name="settings_map")
def make_settings_map():
    return {"debug": False}
