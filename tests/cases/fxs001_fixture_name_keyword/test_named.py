def test_by_registered_name(settings_map):
    settings_map["debug"] = True  # error: FXS001
