import sys


def test_clears_arguments():
    del sys.argv[1:]  # error: FXS020


def test_replaces_arguments():
    sys.argv[1:] = ["build"]  # error: FXS020


def test_deletes_one_argument():
    del sys.argv[0]  # error: FXS020
