def test_vars(app):
    vars(app)["name"] = "other"  # error: FXS001
    app.__dict__["name"] = "other"  # error: FXS001
    vars(app).update(name="other")  # error: FXS002
