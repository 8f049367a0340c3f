"""Module-level objects that another module-level object holds (a leak), or that a nested
function reads only after the test set them (not one)."""

registry = {"current": None}


class Holder:
    def __init__(self, table):
        self.table = table


holder = Holder(registry)
Plugin = None


def test_sets_current():
    registry["current"] = "a"  # error: FXS020


def test_reads_through_the_holder():
    assert holder.table["current"] in (None, "a")


def test_plugin_read_by_nested_function():
    global Plugin

    def factory():
        return Plugin

    Plugin = object()  # set before factory() runs: not a leak
    assert factory() is Plugin
