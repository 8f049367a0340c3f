"""The teardown puts back a dict that was never filled from the registry."""

from pkg.registry import REGISTRY

DEFAULTS = {"builtin": "handler"}


def teardown_module():
    REGISTRY.clear()
    REGISTRY.update(DEFAULTS)


def test_registers_a_plugin():
    REGISTRY["plugin"] = "handler"  # error: FXS020
