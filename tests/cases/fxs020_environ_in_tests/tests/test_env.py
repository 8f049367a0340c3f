import os
from unittest import mock
from unittest.mock import patch

import pytest


def test_sets_environ():
    os.environ["APP_MODE"] = "1"  # error: FXS020


def test_deletes_environ():
    del os.environ["HOME"]  # error: FXS020


def test_updates_through_alias():
    env = os.environ
    env.update({"APP_MODE": "2"})  # error: FXS020


def test_monkeypatch(monkeypatch):
    monkeypatch.setenv("APP_MODE", "1")
    monkeypatch.setitem(os.environ, "APP_OTHER", "2")
    monkeypatch.delenv("HOME", raising=False)


def test_patch_dict_with():
    with mock.patch.dict(os.environ, {"APP_MODE": "1"}):
        assert os.environ["APP_MODE"] == "1"


@patch.dict(os.environ, {"APP_MODE": "1"})
def test_patch_dict_decorator():
    assert os.environ["APP_MODE"] == "1"


def test_written_under_monkeypatch(monkeypatch):
    monkeypatch.setenv("APP_MODE", "1")
    os.environ["APP_MODE"] = "2"


def test_restored_in_finally():
    os.environ["APP_MODE"] = "1"
    try:
        assert os.environ["APP_MODE"] == "1"
    finally:
        del os.environ["APP_MODE"]


def test_reads():
    assert os.environ.get("APP_MODE") is None
    assert "HOME" in os.environ
    copy = dict(os.environ)
    copy["APP_MODE"] = "1"


def test_local_copy_named_like_module():
    environ = {}
    environ["APP_MODE"] = "1"


@pytest.fixture
def environ_in_fixture():
    os.environ["APP_MODE"] = "1"
    yield
    del os.environ["APP_MODE"]


@pytest.fixture
def environ_in_fixture_forever():
    os.environ["APP_MODE"] = "1"  # error: FXS020
