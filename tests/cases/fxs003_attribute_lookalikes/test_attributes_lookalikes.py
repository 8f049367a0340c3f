def test_attribute_lookalikes(app, data):
    name = app.name
    name = "other"
    local = type("Local", (), {})()
    local.app = app
    setattr(local, "name", "other")
    assert getattr(app, "name") == "app"
    data.extra = 1
    setattr(data["users"], "x", 1)
