def test_mutating_inside(registry):
    [registry["names"].append(n) for n in "ab"]  # error: FXS002
    {k: registry["meta"].pop(k) for k in ["a", "b"]}  # error: FXS002
