import tempfile
from concurrent.futures import ThreadPoolExecutor

import pytest


@pytest.fixture(scope="session")
def executor():
    return ThreadPoolExecutor(2)  # error: FXS030


@pytest.fixture(scope="module")
def scratch_dir():
    return tempfile.TemporaryDirectory()  # error: FXS030


@pytest.fixture(scope="module")
def scratch_path():
    with tempfile.TemporaryDirectory() as name:
        yield name
