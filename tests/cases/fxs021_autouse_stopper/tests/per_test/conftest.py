from unittest import mock

import pytest


@pytest.fixture(autouse=True)
def stop_every_patch():
    yield
    mock.patch.stopall()
