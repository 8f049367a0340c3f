def test_sets_debug(cfg):
    cfg["flags"]["debug"] = True  # error: FXS001


def test_reads_debug(cfg):
    assert cfg["flags"]["debug"] is False
