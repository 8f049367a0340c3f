from unittest import mock

import pytest


def test_started():
    mock.patch("app.clock.now").start()


@pytest.fixture
def started_in_fixture():
    return mock.patch("app.clock.now").start()


@pytest.fixture(scope="module")
def module_fixture_stopped_by_the_first_teardown():
    return mock.patch("app.clock.now").start()
