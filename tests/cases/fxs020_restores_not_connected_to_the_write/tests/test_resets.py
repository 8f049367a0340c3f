import collections

from tests import state


def test_fresh_empty_container():
    state.TABLE = collections.OrderedDict()
    state.TABLE = {"fresh": 1}  # error: FXS020


def test_slice_cleared():
    state.ITEMS[:] = []


def test_whole_container_put_back():
    saved = dict(state.TABLE)
    state.TABLE["z"] = 1  # error: FXS023
    state.TABLE.clear()
    state.TABLE.update(saved)
