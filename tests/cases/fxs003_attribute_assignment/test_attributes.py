def test_attributes(app):
    app.name = "other"  # error: FXS003
    app.config.strict = True  # error: FXS003
    del app.routes  # error: FXS003
    setattr(app, "name", "other")  # error: FXS003
    delattr(app, "routes")  # error: FXS003
    app.name += "!"  # error: FXS003
