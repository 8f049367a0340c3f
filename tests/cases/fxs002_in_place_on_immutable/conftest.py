import pytest


class Counter:
    def __init__(self):
        self.value = 0

    def __add__(self, other):
        return self.value + other


@pytest.fixture(scope="session")
def shared():
    return {"pair": (1, 2), "count": 0, "name": "ann", "frozen": frozenset({1}), "ratio": 1.5}


@pytest.fixture(scope="session")
def counter():
    return Counter()
