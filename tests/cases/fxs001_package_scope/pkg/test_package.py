def test_package(shared):
    shared["x"] = 1  # error: FXS001
