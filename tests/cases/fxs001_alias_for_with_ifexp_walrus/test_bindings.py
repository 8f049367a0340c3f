def test_for(cfg):
    for user in cfg["users"]:
        user["name"] = "x"  # error: FXS001
    for key, section in cfg.items():
        section.clear()  # error: FXS002


def test_with(resource):
    with resource as handle:
        handle.state = "busy"  # error: FXS003


def test_ifexp(cfg, request):
    flags = cfg["flags"] if request.node else {}
    flags["debug"] = True  # error: FXS001
    chosen = {} or cfg["db"]
    chosen["host"] = "z"  # error: FXS001


def test_walrus(cfg):
    if (db := cfg["db"]) is not None:
        db["port"] = 1  # error: FXS001
