"""Module-level scratch state that every test of this module sets before it reads it."""

calls = {"count": 0}


class Capture:
    error = None


captured = Capture()
Handler = None


def count_call():
    calls["count"] += 1
    return calls["count"]


def record(error):
    captured.error = error


def lookup(name):
    return globals()[name]


def test_counts_once():
    calls["count"] = 0
    count_call()
    assert calls["count"] == 1


def test_counts_twice():
    calls["count"] = 0
    count_call()
    count_call()
    assert calls["count"] == 2


def test_captures_error():
    captured.error = None
    record(ValueError("x"))
    assert captured.error is not None


def test_registers_handler():
    global Handler
    Handler = object()
    assert lookup("Handler") is Handler
