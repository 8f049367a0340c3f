import os
from unittest import mock
from unittest.mock import patch


def test_with_block():
    with patch("os.getcwd", return_value="/x"):
        assert os.getcwd() == "/x"


@mock.patch.object(os, "getpid", return_value=1)
def test_decorator(getpid):
    assert os.getpid() == 1


def test_mocker(mocker):
    mocker.patch("os.getcwd", return_value="/y")
    assert os.getcwd() == "/y"


def test_stopped_in_finally():
    patcher = patch.dict(os.environ, {"A": "1"})
    patcher.start()
    try:
        assert os.environ["A"] == "1"
    finally:
        patcher.stop()


def test_started_and_left():
    patch.object(os, "getpid", return_value=2).start()  # error: FXS021
