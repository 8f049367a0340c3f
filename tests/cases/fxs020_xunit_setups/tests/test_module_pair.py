import sys

from config import REGISTRY, Config


def setup_module():
    sys.path.append("/opt/module")
    REGISTRY["module"] = 1


def teardown_module():
    sys.path.remove("/opt/module")
    REGISTRY.pop("module")


def setup_function():
    Config.verbose = True  # error: FXS020


def test_something():
    assert Config.verbose


class TestPaired:
    @classmethod
    def setup_class(cls):
        cls.client = object()
        Config.verbose = True

    @classmethod
    def teardown_class(cls):
        Config.verbose = False

    def setup_method(self):
        self.items = []
        REGISTRY["method"] = self  # error: FXS020

    def test_items(self):
        assert self.items == []


class TestNoTeardown:
    def setup_method(self, method):
        sys.path.insert(0, "/opt/method")  # error: FXS020

    def test_path(self):
        assert sys.path[0] == "/opt/method"
