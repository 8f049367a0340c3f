import importlib
import os
import sys

import pytest

from tests import state

with_clean_env = pytest.mark.usefixtures("clean_env")


@with_clean_env
def test_guard_in_a_module_variable():
    os.environ["APP_MODE"] = "fast"


def test_tuple_unpacking_restore():
    saved = os.name, sys.platform
    try:
        os.name, sys.platform = "nt", "win32"
    finally:
        (os.name, sys.platform) = saved


def test_finalizer_in_decorator_form(request):
    @request.addfinalizer
    def put_back():
        state.MODE = "safe"

    state.MODE = "fast"


def test_reloaded_after(request):
    request.addfinalizer(lambda: importlib.reload(state))
    state.LEVEL = 3
    state.TABLE["b"] = 2


def test_warnings_filters_restored_by_pytest():
    import warnings

    warnings.filters.insert(0, ("ignore", None, Warning, None, 0))
    warnings.showwarning = print


def test_no_guard():
    os.environ["APP_MODE"] = "fast"  # error: FXS020
    state.TABLE["c"] = 3  # error: FXS020


class TestWithClassTeardown:
    def teardown_class(cls):
        state.MODE = "safe"

    def test_changes_mode(self):
        state.MODE = "fast"

    def test_changes_level(self):
        state.LEVEL = 9  # error: FXS020
