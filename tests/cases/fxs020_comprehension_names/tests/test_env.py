import os


def test_comprehension_reads_do_not_hide_writes():
    names = [key for key in os.environ if key.startswith("X")]
    squares = {n: n * n for n in range(3)}
    os.environ["MODE"] = "fast"  # error: FXS020
    assert names is not None and squares


def test_comprehension_locals_are_not_state():
    rows = [[n] for n in range(3)]
    for row in [r for r in rows]:
        row.append(1)
