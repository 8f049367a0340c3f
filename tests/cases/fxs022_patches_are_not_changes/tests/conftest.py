import os
import sys
from unittest import mock

import pytest


@pytest.fixture(scope="session")
def patched_environ():
    with mock.patch.dict(os.environ, {"APP_ENV": "test"}):
        yield


@pytest.fixture(scope="session")
def patched_platform():
    with mock.patch.object(sys, "platform", "linux"):
        yield


@pytest.fixture(scope="module")
def patched_with_mocker(module_mocker):
    module_mocker.patch.dict(os.environ, {"APP_ENV": "test"})


@pytest.fixture(scope="session")
def session_monkeypatch():
    mp = pytest.MonkeyPatch()
    mp.setenv("APP_ENV", "test")
    yield
    mp.undo()


@pytest.fixture(scope="session")
def environ_written_directly():
    os.environ.update({"APP_ENV": "test"})  # error: FXS022
