import pytest


@pytest.fixture
def unrelated():
    return {}
