import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def api_mode():
    """Set when the first test under tests/api runs: tests elsewhere that run later see it."""
    os.environ["APP_API_MODE"] = "1"  # error: FXS020


@pytest.fixture(autouse=True)
def no_token():
    """Only tests under tests/api get this; a test elsewhere sees the token gone only if one ran."""
    if "APP_TOKEN" in os.environ:
        del os.environ["APP_TOKEN"]  # error: FXS020
