import pytest


@pytest.fixture(scope="session")
def log_file(tmp_path_factory):
    return open(tmp_path_factory.mktemp("l") / "log.txt", "w")  # error: FXS030


@pytest.fixture(scope="session")
def log_file_closed(tmp_path_factory):
    handle = open(tmp_path_factory.mktemp("l") / "log.txt", "w")
    yield handle
    handle.close()


@pytest.fixture
def per_test_file(tmp_path):
    return open(tmp_path / "x", "w")
