from tests.loading import install_fake_config, load_example


def test_example(example_module):
    assert example_module.X == 1


def test_generated(generated_module):
    assert generated_module.Y == 2


def test_stub(stubbed_dependency, fake_config):
    assert stubbed_dependency and fake_config


def test_loads_its_own_example(tmp_path):
    path = tmp_path / "own_example.py"
    path.write_text("Z = 3\n")
    assert load_example("own_example", path).Z == 3


def test_installs_a_fake():
    install_fake_config()  # error: FXS020


def test_imports_each_file_once(tmp_path):
    import importlib.util
    import sys

    def import_file(path, name):
        module = sys.modules.get(name)
        if module is None:
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        return module

    path = tmp_path / "once.py"
    path.write_text("W = 4\n")
    assert import_file(path, "once").W == 4


def test_stores_a_replacement(tmp_path, replacement=None):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("replaced", tmp_path / "replaced.py")
    module = importlib.util.module_from_spec(spec)
    if replacement is not None:
        module = replacement
    sys.modules["replaced"] = module  # error: FXS020
