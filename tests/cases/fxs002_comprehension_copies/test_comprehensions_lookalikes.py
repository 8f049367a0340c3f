def test_comprehension_copies(registry):
    names = [n for n in registry["names"]]
    names.append("x")
    meta = {k: v for k, v in registry["meta"].items()}
    meta["k"] = 1
    upper = (n.upper() for n in registry["names"])
    list(upper).append("x")
