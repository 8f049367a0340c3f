import os

import pytest


class TestA:
    @pytest.fixture(scope="class")
    def env(self):
        os.environ["CLASS_MODE"] = "1"  # error: FXS022
        yield
        del os.environ["CLASS_MODE"]

    @pytest.fixture(scope="class", autouse=True)
    def autouse_env(self):
        os.environ["AUTO_MODE"] = "1"
        yield
        del os.environ["AUTO_MODE"]

    def test_it(self, env):
        assert os.environ["CLASS_MODE"] == "1"


@pytest.fixture(scope="module")
def reads_only():
    return os.environ.get("HOME")
