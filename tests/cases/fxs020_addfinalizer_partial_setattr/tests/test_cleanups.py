import functools
import os
import unittest
import warnings

import config


def fake_warn(message, *args, **kwargs):
    pass


def test_finalizer_puts_attribute_back(request):
    request.addfinalizer(functools.partial(setattr, warnings, "warn", warnings.warn))
    warnings.warn = fake_warn


def test_finalizer_deletes_added_attribute(request):
    request.addfinalizer(functools.partial(delattr, config, "extra"))
    config.extra = 1


def test_finalizer_pops_environment_key(request):
    request.addfinalizer(functools.partial(os.environ.pop, "APP_EXTRA", None))
    os.environ["APP_EXTRA"] = "1"


class CleanupTests(unittest.TestCase):
    def test_cleanup_with_arguments(self):
        self.addCleanup(setattr, config, "mode", config.mode)
        config.mode = "fast"


def test_finalizer_for_another_attribute(request):
    request.addfinalizer(functools.partial(setattr, warnings, "showwarning", warnings.showwarning))
    warnings.warn = fake_warn  # error: FXS020


class OtherCleanupTests(unittest.TestCase):
    def test_cleanup_for_another_attribute(self):
        self.addCleanup(setattr, config, "level", config.level)
        config.mode = "fast"  # error: FXS020
