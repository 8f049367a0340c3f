def test_uses(per_test_data, overridden_is_fine, monkeypatch):
    assert per_test_data
