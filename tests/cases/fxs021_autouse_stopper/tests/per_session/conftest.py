from unittest import mock

import pytest


@pytest.fixture(scope="session", autouse=True)
def stop_patches_at_the_end():
    yield
    mock.patch.stopall()


@pytest.fixture(autouse=True)
def stops_before_the_test():
    mock.patch.stopall()
    yield
