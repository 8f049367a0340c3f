def test_rebound_before_mutation(cfg):
    cfg = {"flags": {}}
    cfg["flags"]["debug"] = True


def test_alias_rebound(cfg):
    flags = cfg["flags"]
    flags = dict(flags)
    flags["debug"] = True


def test_for_over_range(cfg):
    for user in range(3):
        user = {}
        user["name"] = "x"


def test_deleted_name(cfg):
    db = cfg["db"]
    del db
    db = {}
    db["host"] = "y"


def test_other_side(cfg):
    mine, theirs = {}, cfg
    mine["x"] = 1


def test_except_rebinds(cfg):
    try:
        raise ValueError()
    except ValueError as cfg:
        cfg.args = ()


def test_match_capture_rebinds(cfg):
    match {"flags": {}}:
        case {"flags": flags} as cfg:
            cfg["flags"] = flags


def test_reading(cfg):
    assert cfg["flags"]["debug"] is False
    assert cfg.get("db") == {"host": "x"}
    names = [user["name"] for user in cfg["users"]]
    names.append("bob")
