import pytest


@pytest.fixture(scope="package")
def loose():
    return {"x": 0}
