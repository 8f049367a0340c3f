import os
import sys


def test_pop_with_variable_key():
    name = "APP_HOME"
    os.environ.pop(name)  # error: FXS020


def test_pop_in_loop():
    for mod in ("pkg", "pkg.sub"):
        sys.modules.pop(mod, None)  # error: FXS020


def test_alias_pop_with_variable_key():
    env = os.environ
    key = "APP_HOME"
    env.pop(key, None)  # error: FXS020


def test_delete_with_variable_key():
    name = "APP_HOME"
    del os.environ[name]  # error: FXS020
