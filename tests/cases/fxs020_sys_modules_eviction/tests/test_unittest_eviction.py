import sys
import unittest


class ReloadsPackage(unittest.TestCase):
    def tearDown(self):
        for name in list(sys.modules):
            if name.startswith("pkg"):
                del sys.modules[name]  # error: FXS020

    def test_something(self):
        import pkg

        assert pkg.STATE == {}


class ReloadsPlugin(unittest.TestCase):
    def tearDown(self):
        for name in list(sys.modules):
            if name.startswith("plugin_here"):
                del sys.modules[name]

    def test_plugin(self):
        import plugin_here

        assert plugin_here.LOADED
