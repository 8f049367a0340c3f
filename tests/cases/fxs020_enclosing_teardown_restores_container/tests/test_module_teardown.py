"""setup_module copies the registry; teardown_module puts the whole of it back."""

from pkg.registry import HANDLERS, REGISTRY

SAVED = {}


def setup_module():
    SAVED.update(REGISTRY)


def teardown_module():
    REGISTRY.clear()
    REGISTRY.update(SAVED)


def test_registers_a_plugin():
    REGISTRY["plugin"] = "handler"


def test_removes_the_builtin():
    del REGISTRY["builtin"]


def test_appends_a_handler():
    HANDLERS.append("extra")  # error: FXS020
