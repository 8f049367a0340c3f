import pytest

from tests.loading import install_fake_config, install_stub, load_example, load_source


@pytest.fixture(scope="session")
def example_module(tmp_path_factory):
    path = tmp_path_factory.mktemp("examples") / "example.py"
    path.write_text("X = 1\n")
    return load_example("example", path)


@pytest.fixture(scope="module")
def generated_module():
    return load_source("generated", "Y = 2\n")


@pytest.fixture(scope="session")
def stubbed_dependency():
    install_stub("optional_dep")  # error: FXS022
    return "optional_dep"


@pytest.fixture(scope="session")
def fake_config():
    install_fake_config()  # error: FXS022
    return "config"
