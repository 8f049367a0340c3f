"""The same shapes, but another test reads the value without setting it first."""

seen = {"first": None}


class Last:
    value = None


last = Last()
CACHE = None


def test_records_first():
    seen["first"] = "a"  # error: FXS020
    last.value = "a"  # error: FXS020


def test_fills_cache():
    global CACHE
    CACHE = "filled"  # error: FXS020


def test_depends_on_what_ran_before():
    assert seen["first"] in (None, "a")
    assert last.value in (None, "a")
    assert CACHE in (None, "filled")
