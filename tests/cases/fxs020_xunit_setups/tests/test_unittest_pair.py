import os
import unittest

from config import REGISTRY


class TestCasePaired(unittest.TestCase):
    def setUp(self):
        os.environ["APP_CASE"] = "1"
        self.addCleanup(REGISTRY.clear)
        REGISTRY["case"] = 1

    def tearDown(self):
        del os.environ["APP_CASE"]

    @classmethod
    def setUpClass(cls):
        REGISTRY["class"] = 1  # error: FXS020

    def test_case(self):
        self.assertEqual(os.environ["APP_CASE"], "1")
