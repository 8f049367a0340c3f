def test_scopes(per_module, per_session):
    per_module.append(1)
    per_session.append(1)  # error: FXS002
