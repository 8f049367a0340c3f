def test_mutable(settings, explicit):
    settings.name = "b"  # error: FXS003
    explicit.name = "b"  # error: FXS003
