import pytest


@pytest.fixture(scope="module")
def registry():
    return {"handlers": []}
