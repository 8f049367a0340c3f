from os.path import *  # noqa: F403

from app.schema import *  # noqa: F403


def test_configures_through_star_chain():
    Node.configure("x")  # error: FXS020  # noqa: F405


def test_constructor_counts_through_star_chain():
    Net()  # error: FXS020  # noqa: F405


def test_reads_only():
    assert Node.describe()  # noqa: F405
    assert peek() >= 0  # noqa: F405


def test_fresh_object():
    Plain("a")  # noqa: F405


def test_restored_in_finally():
    Node.configure("y")  # noqa: F405
    try:
        assert Node.tag == "y"  # noqa: F405
    finally:
        Node.tag = None  # noqa: F405


def test_restored_by_project_call():
    Node.configure("z")  # noqa: F405
    try:
        assert Node.tag == "z"  # noqa: F405
    finally:
        reset_tag()  # noqa: F405


def test_library_star_import():
    assert join("a", "b")  # noqa: F405
