import os

import pytest


def pick_scope(fixture_name, config):
    return "session"


@pytest.fixture(scope=pick_scope)
def dynamic():
    return {}


@pytest.fixture(scope=lambda fixture_name, config: "session")
def by_lambda():
    return {}


@pytest.fixture(scope=os.environ.get("FIXTURE_SCOPE", "session"))
def from_environment():
    return {}
