"""Tests made at run time and stored on this module under a fresh name."""

import sys

CASES = ["a", "b"]


def make_case(name):
    def case():
        return name

    return case


def test_generates_cases():
    for name in CASES:
        setattr(sys.modules[__name__], f"generated_{name}", make_case(name))


def test_replaces_make_case():
    setattr(sys.modules[__name__], "make_case", None)  # error: FXS020
