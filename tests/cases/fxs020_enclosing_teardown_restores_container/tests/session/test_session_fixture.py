"""A session fixture puts the registry back after the last test: every test of the session
still sees what an earlier one registered."""

from pkg.registry import REGISTRY


def test_registers_a_plugin():
    REGISTRY["session"] = "handler"  # error: FXS020
