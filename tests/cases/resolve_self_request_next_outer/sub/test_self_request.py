def test_uses_outer_value(registry):
    registry["names"].append("x")  # error: FXS002
