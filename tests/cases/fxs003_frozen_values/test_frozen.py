def test_frozen(frozen, child, point, pair, plain_tuple):
    frozen.name = "b"
    child.extra = 1
    point.x = 3
    pair.left = 3
    plain_tuple.size = 2
    setattr(frozen, "name", "b")
    delattr(point, "x")
