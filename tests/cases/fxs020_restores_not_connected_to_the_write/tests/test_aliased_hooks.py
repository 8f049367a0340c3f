from tests import state


def setup_function():
    state.TABLE["x"] = 1


def reset_table():
    state.TABLE.pop("x", None)


teardown_function = reset_table


def setup_module():
    state.TABLE["y"] = 1  # error: FXS020


def test_uses_table():
    assert state.TABLE["x"] == 1
