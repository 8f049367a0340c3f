import pytest

COUNTER = 0
SEEN = []


def test_increments():
    global COUNTER
    COUNTER += 1  # error: FXS020


def test_rebinds():
    global COUNTER
    COUNTER = 10  # error: FXS020


def test_deletes():
    global SEEN
    del SEEN  # error: FXS020


def test_restores_in_finally():
    global COUNTER
    old = COUNTER
    COUNTER = 5
    try:
        assert COUNTER == 5
    finally:
        COUNTER = old


def test_resets_to_fresh_value():
    global SEEN
    SEEN = []


def test_reads_only():
    assert COUNTER >= 0
    assert SEEN is not None


def test_local_of_same_name():
    COUNTER = 3
    COUNTER += 1
    assert COUNTER == 4


def test_nested_function_with_its_own_global():
    def bump():
        global COUNTER
        COUNTER += 1  # error: FXS020

    bump()


@pytest.fixture
def counter_restored():
    global COUNTER
    COUNTER = 100
    yield
    COUNTER = 0
