import app.store


def test_function_of_a_project_module_through_an_import():
    assert app.store.add("x") == ["x"]
