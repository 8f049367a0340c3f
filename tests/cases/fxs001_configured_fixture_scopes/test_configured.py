def test_configured(database, token, unknown, db):
    database["rows"] = []  # error: FXS001
    db["rows"] = []
    token["value"] = "x"
    unknown["x"] = 1
