def test_sets_flag(cfg):
    cfg["flags"]["debug"] = True  # error: FXS001
