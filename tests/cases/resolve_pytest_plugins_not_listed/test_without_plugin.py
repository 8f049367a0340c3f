import helpers.plugin

plugins = ["helpers.plugin"]


def test_registers(registry):
    registry["handlers"].append(print)
