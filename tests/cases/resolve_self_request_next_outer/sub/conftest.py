import pytest


@pytest.fixture
def registry(registry):
    return registry
