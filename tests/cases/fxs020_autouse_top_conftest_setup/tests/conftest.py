import os
import sys

import pytest


@pytest.fixture(scope="session", autouse=True)
def no_error_urls():
    """Set once, before the first test of the suite: every test sees it."""
    os.environ["APP_ERROR_URLS"] = "false"


@pytest.fixture(scope="session", autouse=True)
def drop_empty_path_entry():
    if "" in sys.path:
        sys.path.remove("")


@pytest.fixture(autouse=True)
def no_source_date_epoch():
    """Runs before every test of the suite: every test sees the same environment."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        del os.environ["SOURCE_DATE_EPOCH"]
