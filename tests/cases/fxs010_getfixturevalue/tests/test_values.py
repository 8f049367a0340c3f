def test_values(by_constant, by_variable, narrow_fetches_anything):
    assert by_constant
