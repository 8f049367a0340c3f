"""Base classes the test modules inherit their set-ups and teardowns from."""

import io
import os
import sys
import unittest

from pkg.registry import REGISTRY, Config


class CapturingCase(unittest.TestCase):
    def setUp(self):
        self._stdout = sys.stdout
        sys.stdout = io.StringIO()

    def tearDown(self):
        sys.stdout.close()
        sys.stdout = self._stdout


class RegistryCase(unittest.TestCase):
    def tearDown(self):
        REGISTRY.clear()


class VerboseBase:
    def setup_method(self):
        Config.verbose = True

    def teardown_method(self):
        Config.verbose = False
        os.environ.pop("MODE", None)
