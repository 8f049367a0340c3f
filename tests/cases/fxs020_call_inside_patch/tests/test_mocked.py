import logging
import os
import signal
from os import chdir
from unittest import mock
from unittest.mock import patch

from app import config


def test_inside_a_patch(tmp_path):
    with mock.patch("os.chdir"):
        os.chdir(tmp_path)
    with patch.object(os, "chdir") as fake:
        os.chdir(tmp_path)
        fake.assert_called_once()
    with mock.patch.object(config, "configure"):
        config.configure(debug=True)
    with patch.multiple(logging, basicConfig=mock.DEFAULT):
        logging.basicConfig(level=logging.DEBUG)
    os.chdir(tmp_path)  # error: FXS020


def test_after_the_block(tmp_path):
    with mock.patch("os.chdir"):
        pass
    os.chdir(tmp_path)  # error: FXS020


def test_a_name_imported_before_the_patch(tmp_path):
    with mock.patch("os.chdir"):
        chdir(tmp_path)  # error: FXS020


def test_another_function_patched(tmp_path):
    with mock.patch("os.getcwd"):
        os.chdir(tmp_path)  # error: FXS020


def test_mocker_earlier_in_the_test(mocker, tmp_path):
    os.chdir(tmp_path)  # error: FXS020
    mocker.patch("os.chdir")
    os.chdir(tmp_path)
    mocker.patch.object(signal, "signal")
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_monkeypatched_function(monkeypatch, tmp_path):
    monkeypatch.setattr(os, "chdir", lambda path: None)
    os.chdir(tmp_path)
    config.configure(debug=True)  # error: FXS020


@mock.patch("os.chdir")
def test_under_a_decorator(fake, tmp_path):
    os.chdir(tmp_path)
    config.configure(debug=True)  # error: FXS020


@mock.patch("app.config.configure")
class TestPatchedClass:
    def test_configure(self, fake):
        config.configure(debug=True)
