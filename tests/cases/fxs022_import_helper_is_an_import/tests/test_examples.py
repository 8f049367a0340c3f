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
