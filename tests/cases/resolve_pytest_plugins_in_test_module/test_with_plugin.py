pytest_plugins = ["helpers.plugin"]


def test_registers(registry):
    registry["handlers"].append(print)  # error: FXS002
