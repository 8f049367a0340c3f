def test_by_function_name(make_settings_map):
    make_settings_map["debug"] = True
