from app.state import *  # noqa: F403


def test_through_star_import():
    SETTINGS["mode"] = "prod"  # error: FXS020  # noqa: F405


def test_reads_through_star_import():
    assert SETTINGS.get("mode")  # noqa: F405
