import os
import unittest
from unittest import mock


@mock.patch.dict(os.environ, {"MODE": "test"})
def test_under_patch_dict_decorator():
    os.environ["W"] = "1"


def test_unrelated_cleanup_restores_nothing(tmp_path):
    path = tmp_path / "x"
    try:
        os.environ["Y"] = "1"  # error: FXS020
    finally:
        os.remove(path)


def test_restored_in_finally():
    try:
        os.environ["Z"] = "1"
    finally:
        os.environ.pop("Z", None)


class UserTests(unittest.TestCase):
    def test_leaks_environment(self):
        os.environ["X"] = "1"  # error: FXS020


class Helper:
    def test_not_collected(self):
        os.environ["X"] = "1"
