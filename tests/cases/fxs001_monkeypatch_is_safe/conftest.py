import pytest


@pytest.fixture(scope="session")
def cfg():
    return {"flags": {}}


class Service:
    timeout = 1


@pytest.fixture(scope="session")
def service():
    return Service()
