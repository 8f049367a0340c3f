def test_sets_debug(cfg):
    cfg["flags"]["debug"] = True
    cfg["users"].append("carol")
    del cfg["db"]
