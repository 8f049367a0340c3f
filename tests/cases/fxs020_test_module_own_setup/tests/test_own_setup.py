import os

import pytest

CLIENT = None
CACHE = {}


def setup_module():
    global CLIENT
    CLIENT = object()
    CACHE["ready"] = True
    os.environ["APP_CLIENT"] = "1"  # error: FXS020


@pytest.fixture(scope="module", autouse=True)
def warm_cache():
    CACHE["warm"] = True


def test_client():
    assert CLIENT is not None
    assert CACHE["ready"]
