def test_loose(loose):
    loose["x"] = 1  # error: FXS001
