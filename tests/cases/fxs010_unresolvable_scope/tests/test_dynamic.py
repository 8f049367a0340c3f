def test_dynamic(wide):
    assert wide
