import os
import unittest.mock

import mock
from mock import patch as legacy_patch
from unittest.mock import patch as p

import pytest

patch_object = unittest.mock.patch.object


def test_unittest_mock_qualified():
    unittest.mock.patch("app.clock.now").start()  # error: FXS021


def test_mock_backport_module():
    mock.patch("app.clock.now").start()  # error: FXS021


def test_mock_backport_import_from():
    legacy_patch("app.clock.now").start()  # error: FXS021


def test_alias_of_patch():
    p("app.clock.now").start()  # error: FXS021


def test_alias_of_patch_object():
    patch_object(pytest, "approx").start()  # error: FXS021


def test_patch_multiple():
    p.multiple("app.settings", DEBUG=True, CACHE=None).start()  # error: FXS021


def test_patch_dict_environ_never_stopped():
    p.dict(os.environ, {"MODE": "test"}).start()  # error: FXS021


def test_patch_dict_environ_stopped():
    environ = p.dict(os.environ, {"MODE": "test"})
    environ.start()
    try:
        assert os.environ["MODE"] == "test"
    finally:
        environ.stop()


@pytest.fixture
def environ_stopped_after_yield():
    environ = p.dict(os.environ, {"MODE": "test"})
    environ.start()
    yield
    environ.stop()


def test_patch_dict_with_block():
    with p.dict(os.environ, {"MODE": "test"}):
        assert os.environ["MODE"] == "test"


def test_stopall_through_the_backport():
    legacy_patch("app.clock.now").start()
    try:
        assert True
    finally:
        mock.patch.stopall()
