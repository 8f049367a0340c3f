def test_chain(cfg):
    a = b = cfg
    a["x"] = 1  # error: FXS001
    b["y"] = 2  # error: FXS001


def test_tuple(cfg):
    fresh, db = {}, cfg["db"]
    fresh["host"] = "y"
    db["host"] = "y"  # error: FXS001


def test_swap(cfg):
    left, right = cfg, {}
    left, right = right, left
    left["x"] = 1
    right["x"] = 1  # error: FXS001


def test_starred(cfg):
    first, *rest = cfg["users"]
    first["name"] = "bob"  # error: FXS001
