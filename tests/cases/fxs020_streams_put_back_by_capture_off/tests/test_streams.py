import io
import sys

import pytest


def test_replaces_stdout():
    sys.stdout = io.StringIO()  # error: FXS020
    print("hidden")


def test_replaces_both_streams():
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()  # error: FXS020


@pytest.fixture(scope="module")
def quiet():
    sys.stderr = io.StringIO()  # error: FXS022
    return None


def test_quiet(quiet):
    assert quiet is None


def test_closes_stdout():
    sys.stdout.close()  # error: FXS020


def test_replaces_stdin():
    sys.stdin = io.StringIO("y\n")  # error: FXS020


def test_replaces_stream_attribute():
    sys.stdout.write = print  # error: FXS020
