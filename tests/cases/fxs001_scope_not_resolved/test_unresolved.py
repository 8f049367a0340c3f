def test_unresolved(dynamic, by_lambda, from_environment):
    dynamic["x"] = 1
    by_lambda["x"] = 1
    from_environment["x"] = 1
