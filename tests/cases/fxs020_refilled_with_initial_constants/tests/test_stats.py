class Parser:
    stats = [0, 0]
    names = ["a", "b"]


def reset_stats():
    Parser.stats[:] = [0] * len(Parser.stats)


def test_resets_through_helper():
    reset_stats()


def test_refills_display():
    Parser.names[:] = ["a", "b"]


def test_sets_other_counts():
    Parser.stats[:] = [1] * 2  # error: FXS020


def test_sets_other_names():
    Parser.names[:] = ["c"]  # error: FXS020


def test_reads():
    assert Parser.stats[0] >= 0 and Parser.names
