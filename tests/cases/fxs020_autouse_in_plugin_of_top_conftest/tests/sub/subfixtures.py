import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def sub_only_setting():
    """Only the tests under sub/ run it: tests elsewhere may run before or without it."""
    os.environ["SUB_ONLY"] = "1"  # error: FXS020
