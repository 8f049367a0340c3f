from unittest import mock
from unittest.mock import patch

import pytest


def test_never_stopped():
    fake = patch("app.clock.now").start()  # error: FXS021
    assert fake


def test_named_patcher_never_stopped():
    patcher = patch("app.clock.now")
    patcher.start()  # error: FXS021


def test_stopall_in_finally():
    patch("app.clock.now").start()
    try:
        assert True
    finally:
        patch.stopall()


def test_stop_in_finally():
    patcher = patch("app.clock.now")
    patcher.start()
    try:
        assert True
    finally:
        patcher.stop()


def test_stopped_later_in_the_test():
    patcher = patch("app.clock.now")
    patcher.start()
    assert True
    patcher.stop()


def test_stopped_before_started_again():
    patcher = patch("app.clock.now")
    patcher.start()
    patcher.stop()
    patcher.start()  # error: FXS021


def test_with_block():
    with patch("app.clock.now") as fake:
        assert fake


@patch("app.clock.now")
def test_decorator(fake):
    assert fake


@mock.patch.object(pytest, "approx")
def test_decorator_object(fake):
    assert fake


def test_mocker_is_stopped_by_pytest_mock(mocker):
    mocker.patch("app.clock.now")
    mocker.patch.object(pytest, "approx")


def test_started_in_a_loop():
    for target in ("app.a", "app.b"):
        patch(target).start()  # error: FXS021


def test_patchers_in_a_list_stopped_in_a_loop():
    patchers = [patch("app.a"), patch("app.b")]
    for patcher in patchers:
        patcher.start()
    assert True
    for undo in patchers:
        undo.stop()


class TestMethods:
    def test_method_never_stopped(self):
        self.patcher = patch("app.clock.now")
        self.patcher.start()  # error: FXS021

    def test_method_stopped(self):
        self.patcher = patch("app.clock.now")
        self.patcher.start()
        try:
            assert True
        finally:
            self.patcher.stop()

    def test_noqa(self):
        patch("app.clock.now").start()  # noqa: FXS021


def helper_not_a_test():
    patch("app.clock.now").start()


def test_patchers_from_a_comprehension_stopped_in_a_loop():
    patchers = [patch(target) for target in ("app.a", "app.b")]
    for patcher in patchers:
        patcher.start()
    assert True
    for undo in patchers:
        undo.stop()


def test_stopping_other_things_in_a_loop_stops_no_patch():
    servers = [object()]
    patch("app.clock.now").start()  # error: FXS021
    for server in servers:
        server.stop()


@pytest.fixture
def finalizer_registers_itself(request):
    def again():
        request.addfinalizer(again)

    request.addfinalizer(again)
    return patch("app.clock.now").start()  # error: FXS021
