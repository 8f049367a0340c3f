def test_immutable(pair, name, frozen):
    pair[0] = 3
    del pair[1]
    name += "x"
    frozen |= {2}
