"""A class saves the registry in setup_class and puts it back in teardown_class."""

import unittest

from pkg.registry import HANDLERS, REGISTRY


class TestPlugins:
    @classmethod
    def setup_class(cls):
        cls.saved = REGISTRY.copy()

    @classmethod
    def teardown_class(cls):
        REGISTRY.clear()
        REGISTRY.update(cls.saved)

    def test_registers_a_plugin(self):
        REGISTRY["plugin"] = "handler"

    def test_appends_a_handler(self):
        HANDLERS.append("extra")  # error: FXS020


class TestPluginsCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._handlers = list(HANDLERS)

    @classmethod
    def tearDownClass(cls):
        HANDLERS.clear()
        HANDLERS.extend(cls._handlers)

    def test_appends_a_handler(self):
        HANDLERS.append("extra")

    def test_registers_a_plugin(self):
        REGISTRY["case"] = "handler"  # error: FXS020
