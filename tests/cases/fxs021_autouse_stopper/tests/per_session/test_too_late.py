from unittest import mock


def test_started():
    mock.patch("app.clock.now").start()  # error: FXS021
