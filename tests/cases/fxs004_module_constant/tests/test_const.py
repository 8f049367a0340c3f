import pytest

BASE = {"debug": False, "users": []}
NAMES = ["a", "b"]


@pytest.mark.parametrize("settings", [BASE])
def test_update(settings):
    settings.update(debug=True)  # error: FXS004


@pytest.mark.parametrize("name", NAMES)
def test_names(name):
    assert name.upper()


@pytest.mark.parametrize("settings", [BASE])
def test_inner_list(settings):
    users = settings["users"]
    users.append("x")  # error: FXS004
