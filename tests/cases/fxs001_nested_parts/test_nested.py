def test_nested(app, data):
    app.config["DEBUG"] = True  # error: FXS001
    data["users"][0]["name"] = "bob"  # error: FXS001
    data["users"][0]["tags"].append("x")  # error: FXS002
    app.routes[:] = []  # error: FXS001
    del data["db"]["host"]  # error: FXS001
    data["db"]["port"] += 1  # error: FXS001
