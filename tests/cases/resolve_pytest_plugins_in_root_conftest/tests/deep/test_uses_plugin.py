def test_registers(registry):
    registry["handlers"].append(print)  # error: FXS002
