"""No teardown here: the teardown_module of another test module does not run after these."""

from pkg.registry import REGISTRY


def test_registers_a_plugin():
    REGISTRY["other"] = "handler"  # error: FXS020
