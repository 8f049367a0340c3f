"""Not a test file, but loaded through pytest_plugins: its fixtures run in the suite."""

import os

import pytest


@pytest.fixture
def offline():
    os.environ["APP_OFFLINE"] = "1"  # error: FXS020
