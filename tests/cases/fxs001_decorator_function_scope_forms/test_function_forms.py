def test_each_form(bare, called_bare, aliased_function, not_pytest, plain_session):
    bare["x"] = 1
    called_bare["x"] = 1
    aliased_function["x"] = 1
    not_pytest["x"] = 1
    plain_session["x"] = 1
