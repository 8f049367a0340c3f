import functools
import unittest

import pytest

from pkg import plugins
from pkg.plugins import add_listener, forget, register, remove_listener, unregister


def handler():
    return None


def test_unregistered_in_finally():
    register("a", handler)
    try:
        assert plugins.HANDLERS["a"] is handler
    finally:
        unregister("a")


def test_forgotten_in_finally_by_keyword():
    register(name="b", handler=handler)
    try:
        assert plugins.HANDLERS["b"] is handler
    finally:
        forget(key="b")


def test_unregisters_another_name():
    register("c", handler)  # error: FXS020
    try:
        assert plugins.HANDLERS["c"] is handler
    finally:
        unregister("other")


def test_registered_and_left():
    register("d", handler)  # error: FXS020


def test_unregistered_later_not_in_finally():
    register("e", handler)  # error: FXS023
    assert plugins.HANDLERS["e"] is handler
    unregister("e")


def test_listener_removed_by_finalizer(request):
    add_listener(handler)
    request.addfinalizer(functools.partial(remove_listener, handler))


def test_listener_removed_by_lambda_finalizer(request):
    plugins.add_listener(handler)
    request.addfinalizer(lambda: plugins.remove_listener(handler))


def test_other_listener_removed(request):
    add_listener(handler)  # error: FXS020
    request.addfinalizer(lambda: remove_listener(print))


@pytest.fixture
def registered():
    register("f", handler)
    yield "f"
    unregister("f")


def test_uses_registered(registered):
    assert plugins.HANDLERS[registered] is handler


class TestCleanups(unittest.TestCase):
    def test_cleanup_unregisters(self):
        register("g", handler)
        self.addCleanup(unregister, "g")

    def test_cleanup_unregisters_another(self):
        register("h", handler)  # error: FXS020
        self.addCleanup(plugins.unregister, "other")
