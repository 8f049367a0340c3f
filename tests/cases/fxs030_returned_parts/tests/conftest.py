import pytest


@pytest.fixture(scope="session")
def file_name(tmp_path_factory):
    path = tmp_path_factory.mktemp("d") / "f.txt"
    path.write_text("x")
    return str(path)


@pytest.fixture(scope="session")
def content(tmp_path_factory):
    with open(tmp_path_factory.mktemp("d") / "f.txt", "w") as handle:
        handle.write("x")
    return "x"
