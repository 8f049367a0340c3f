"""Only definitions and its own names at top level."""

NAMES = []


def helper():
    return 1
