"""A test that sets keys and deletes them again later in its own body.

The deletes are the test's own undo, never a finding. The sets are undone, but not in a
finally block, so they belong to the planned FXS023 (restored, not exception-safe), not FXS020.
"""

import os

import settings


def test_compiler_from_environment():
    os.environ["BUILD_CC"] = "env_cc"  # error: FXS023
    os.environ["BUILD_AR"] = "env_ar"  # error: FXS023
    assert settings.compiler() == "env_cc"
    del os.environ["BUILD_CC"]
    os.environ.pop("BUILD_AR")


def test_flag_switched_off_and_on():
    settings.run_checks = False  # error: FXS023
    assert not settings.checks_enabled()
    settings.run_checks = True
    assert settings.checks_enabled()


def test_sets_and_never_deletes():
    os.environ["BUILD_CC"] = "env_cc"  # error: FXS020


def test_deletes_a_key_it_did_not_add():
    del os.environ["HOME"]  # error: FXS020
    os.environ.pop("USER")  # error: FXS020


def test_switches_flag_off_only():
    settings.run_checks = False  # error: FXS020



def test_override_reset_at_the_end():
    settings.overrides["db"] = "fake"  # error: FXS023
    assert settings.overrides
    settings.overrides = {}
