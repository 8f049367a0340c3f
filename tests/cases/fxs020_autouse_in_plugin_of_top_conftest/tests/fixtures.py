import os
import sys

import pytest


@pytest.fixture(scope="session", autouse=True)
def drop_empty_path_entry():
    """Listed by the conftest that holds every test: runs before the first test of the suite."""
    if "" in sys.path:
        sys.path.remove("")


@pytest.fixture
def leaky_env():
    os.environ["LEAKY"] = "1"  # error: FXS020
