def test_shared(shared, per_test):
    shared["x"] = 1  # error: FXS001
    per_test["x"] = 1
