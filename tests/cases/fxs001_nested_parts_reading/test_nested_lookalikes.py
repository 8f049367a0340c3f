def test_reading_nested(app, data):
    assert app.config["DEBUG"] is False
    assert data["users"][0]["tags"] == []
    routes = app.routes[:]
    routes.append("/")
