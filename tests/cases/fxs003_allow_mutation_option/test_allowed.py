def test_allowed(registry, scratch, guarded):
    registry["plugins"].append("x")
    scratch.note = 1
    guarded["x"] = 1  # error: FXS001
