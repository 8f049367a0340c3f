def test_both(above, inside):
    above["seen"].append(1)
    inside["seen"].append(1)  # error: FXS002
