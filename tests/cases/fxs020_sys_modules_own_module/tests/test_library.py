import importlib
import sys
import types

import mylib


def test_library_version():
    assert mylib.VERSION


def test_library_imported_afresh():
    if "mylib" in sys.modules:
        del sys.modules["mylib"]  # error: FXS020
    importlib.import_module("mylib")


def test_stub_module_for_optional_dependency():
    sys.modules["optional_dep"] = types.ModuleType("optional_dep")  # error: FXS020
