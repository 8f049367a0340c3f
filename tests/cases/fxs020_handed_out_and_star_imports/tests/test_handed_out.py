def test_appends_to_module_list(parameters):
    parameters.append(1)  # error: FXS020


def test_changes_a_copy(settings_copy):
    settings_copy["mode"] = "prod"


def test_changes_a_fresh_list(fresh):
    fresh.append(1)


def test_reads(parameters):
    assert parameters is not None
