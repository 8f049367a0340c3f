import os

import pytest


@pytest.fixture
def save_env():
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)
