def test_reads(cfg):
    local = {"users": list(cfg["users"])}
    local["users"].append("bob")
    assert "bob" not in cfg["users"]
