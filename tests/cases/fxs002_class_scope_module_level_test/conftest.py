import pytest


@pytest.fixture(scope="class")
def basket():
    return {"fruit": []}
