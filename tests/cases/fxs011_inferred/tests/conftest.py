import pytest

DEFAULTS = {"retries": 3}


def build():
    return ["a", "b"]


@pytest.fixture(scope="session")
def defaults():
    return DEFAULTS  # error: FXS011


@pytest.fixture(scope="session")
def built():
    value = build()
    return value  # error: FXS011


@pytest.fixture(scope="session")
def unknown(some_plugin_value):
    return some_plugin_value


@pytest.fixture(scope="session")
def annotated():
    order: list[str] = []
    yield order  # error: FXS011
