from unittest import mock

import pytest


@pytest.fixture
def patched_all():
    patchers = [mock.patch("os.getcwd"), mock.patch("os.getpid")]
    for patcher in patchers:
        patcher.start()
    yield
    for patcher in patchers:
        patcher.stop()


@pytest.fixture
def patched_forever():
    patcher = mock.patch("os.getcwd")
    patcher.start()  # error: FXS021
    yield


def test_uses(patched_all, patched_forever):
    assert True
