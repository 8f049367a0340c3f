def test_sibling(cfg):
    cfg["flags"]["debug"] = True
