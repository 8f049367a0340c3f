import importlib
import importlib.util
import runpy
import sys

import pytest

MOD_NAME = "tests.examples.settings_app"


def test_example_imports_afresh(monkeypatch):
    monkeypatch.setenv("ADMIN_EMAIL", "admin@example.com")
    if MOD_NAME in sys.modules:
        del sys.modules[MOD_NAME]
    module = importlib.import_module(MOD_NAME)
    assert module.ADMIN == "admin@example.com"


def test_example_runs_as_main():
    if sys.modules.get(MOD_NAME):
        del sys.modules[MOD_NAME]
    runpy.run_module(MOD_NAME, run_name="__main__")


def test_generated_module_imported_by_hand(tmp_path, request):
    name = f"generated_{request.node.name}"
    path = tmp_path / f"{name}.py"
    path.write_text("X = 1\n")
    spec = importlib.util.spec_from_file_location(name, path)
    sys.modules[name] = module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.X == 1


@pytest.fixture(params=["tests.examples.settings_app"])
def mod_name(request):
    return request.param


def test_evicted_by_fixture_supplied_name(mod_name):
    if mod_name in sys.modules:
        del sys.modules[mod_name]
    importlib.import_module(mod_name)


def test_module_built_by_hand_bound_to_a_name(tmp_path):
    name = "tests.examples.generated"
    spec = importlib.util.spec_from_file_location(name, tmp_path / "generated.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module


def test_evicts_a_top_level_package():
    del sys.modules["mylib"]  # error: FXS020
    import mylib

    assert mylib
