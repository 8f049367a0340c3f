import logging
import os
import sys

import pytest


@pytest.fixture(autouse=True)
def save_platform(monkeypatch):
    monkeypatch.setattr(sys, "platform", sys.platform)


def test_platform_guarded_by_autouse():
    sys.platform = "darwin"


def test_version_not_guarded():
    sys.version = "3.0"  # error: FXS020


@pytest.mark.usefixtures("save_env")
def test_environ_guarded_by_usefixtures():
    os.environ["APP_MODE"] = "1"


def test_environ_guarded_by_parameter(save_env):
    os.environ["APP_MODE"] = "1"


def test_lookalikes(caplog):
    logging.getLogger("app").setLevel(logging.DEBUG)
    caplog.set_level(logging.INFO)
    assert os.getcwd()
    assert os.environ.get("APP_MODE") is None
    assert sys.path


def test_resets():
    sys.path_importer_cache.clear()
