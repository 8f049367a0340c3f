import copy

import pytest


@pytest.fixture
def cfg():
    return {"db": {"host": "y"}, "users": [], "flags": {"debug": False}}
