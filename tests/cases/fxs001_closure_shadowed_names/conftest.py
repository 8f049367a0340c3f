import pytest


class Config(dict):
    pass


class App:
    def __init__(self):
        self.config = Config(DEBUG=False)
        self.routes = []
        self.name = "app"


@pytest.fixture(scope="session")
def app():
    return App()


@pytest.fixture(scope="session")
def data():
    return {"users": [{"name": "ann", "tags": []}], "db": {"host": "x"}, "pair": (1, 2), "count": 0}
