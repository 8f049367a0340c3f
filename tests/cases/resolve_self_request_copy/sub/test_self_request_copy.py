def test_uses_copy(registry):
    registry["names"].append("x")
    registry["meta"]["k"] = 1
