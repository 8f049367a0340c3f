def test_top(leaky_env):
    assert True
