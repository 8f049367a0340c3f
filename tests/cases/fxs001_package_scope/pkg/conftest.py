import pytest


@pytest.fixture(scope="package")
def shared():
    return {"x": 0}
