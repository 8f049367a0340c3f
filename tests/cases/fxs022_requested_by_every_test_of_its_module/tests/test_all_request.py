import os

import pytest


@pytest.fixture(scope="module")
def service_env():
    os.environ["SERVICE_URL"] = "http://localhost"
    yield
    del os.environ["SERVICE_URL"]


@pytest.fixture(scope="module")
def leaky_env():
    os.environ["SERVICE_MODE"] = "test"  # error: FXS020


pytestmark = pytest.mark.usefixtures("leaky_env")


def test_one(service_env):
    assert os.environ["SERVICE_URL"]


def test_two(service_env):
    assert os.environ["SERVICE_MODE"] == "test"
