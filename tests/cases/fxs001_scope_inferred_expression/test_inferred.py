def test_joined(joined, imported_scope):
    joined["x"] = 1  # error: FXS001
    imported_scope["x"] = 1  # error: FXS001
