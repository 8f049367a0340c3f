def test_above_only(cfg):
    cfg["flags"]["debug"] = True
    cfg["users"].append("x")
