def test_vars_lookalikes(app, data):
    snapshot = dict(vars(app))
    snapshot["name"] = "other"
    assert vars(app)["name"] == "app"
    vars(data["users"])["x"] = 1
