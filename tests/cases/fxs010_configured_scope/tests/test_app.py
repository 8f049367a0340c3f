def test_app(app, cache_user):
    assert app
