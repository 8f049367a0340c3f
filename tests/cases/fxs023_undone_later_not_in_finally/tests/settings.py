import os

run_checks = True


def compiler():
    return os.environ.get("BUILD_CC", "cc")


def checks_enabled():
    return run_checks


overrides = {}
