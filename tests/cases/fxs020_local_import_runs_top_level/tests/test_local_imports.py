import app


def test_imports_plugin_locally():
    import app.plugin  # error: FXS020

    assert app.REGISTRY["plugin"] == 1


def test_imports_from_plugin_locally():
    from app.plugin import register  # error: FXS020

    assert register


def test_imports_quiet_module():
    import app.quiet

    assert app.quiet.helper() == 1


def test_imports_module_the_conftest_imports():
    import app.eager

    assert app.REGISTRY["eager"] == 2


def test_imports_library():
    import json

    assert json.dumps({}) == "{}"
