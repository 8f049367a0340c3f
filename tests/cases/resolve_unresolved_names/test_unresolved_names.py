def test_unknown(settings_store, fixture_from_elsewhere):
    settings_store["debug"] = True
    fixture_from_elsewhere.append(1)
    fixture_from_elsewhere.name = "x"
