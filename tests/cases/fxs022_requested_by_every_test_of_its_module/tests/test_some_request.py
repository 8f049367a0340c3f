import os

import pytest


@pytest.fixture(scope="module")
def service_env():
    os.environ["SERVICE_URL"] = "http://localhost"  # error: FXS022
    yield
    del os.environ["SERVICE_URL"]


def test_one(service_env):
    assert os.environ["SERVICE_URL"]


def test_two():
    assert "SERVICE_URL" in os.environ
