"""A helper counts calls in a module global: silent where every test that reads the count sets
it first; the events count is read by a test that never sets it, so it leaks."""

calls = 0
events = 0


def on_call():
    global calls
    calls += 1


def on_event():
    global events
    events += 1


def test_counts_one_call():
    global calls
    calls = 0
    on_call()
    assert calls == 1


def test_counts_two_calls():
    global calls
    calls = 0
    on_call()
    on_call()
    assert calls == 2


def test_counts_an_event():
    global events
    events = 0  # error: FXS020
    on_event()
    assert events == 1


def test_event_without_reset():
    on_event()  # error: FXS020
    assert events >= 1
