"""Helpers that load example files by path, as ``import`` would, and one that does not."""

import importlib.util
import sys
import types

FAKE_CONFIG = types.SimpleNamespace(DEBUG=True)


def load_example(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_source(name, source):
    module = types.ModuleType(name)
    exec(compile(source, name, "exec"), module.__dict__)
    sys.modules[name] = module
    return module


def install_stub(name):
    sys.modules[name] = types.ModuleType(name)


def install_fake_config():
    sys.modules["config"] = FAKE_CONFIG
