import os

import pytest


@pytest.fixture(scope="session")
def production_env():
    old = os.environ.get("APP_ENV")
    os.environ["APP_ENV"] = "production"  # error: FXS022
    try:
        yield
    finally:
        if old is None:
            del os.environ["APP_ENV"]
        else:
            os.environ["APP_ENV"] = old


@pytest.fixture(scope="session", autouse=True)
def testing_env():
    os.environ["APP_TESTING"] = "1"
    yield
    os.environ.pop("APP_TESTING", None)


@pytest.fixture(scope="module", autouse=True)
def leaky_autouse():
    os.environ.setdefault("APP_REGION", "eu")  # error: FXS020


@pytest.fixture
def debug_env():
    os.environ["APP_DEBUG"] = "1"
    yield
    del os.environ["APP_DEBUG"]


@pytest.fixture(scope="session")
def env_reader():
    return os.environ.get("HOME")
