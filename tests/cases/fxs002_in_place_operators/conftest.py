import pytest


class Bag:
    def __init__(self):
        self.items = []

    def __iadd__(self, other):
        self.items.extend(other)
        return self


@pytest.fixture(scope="session")
def shared():
    return {"names": ["ann"], "tags": {"a"}, "extra": {"k": 1}, "blob": bytearray(b"x")}


@pytest.fixture(scope="session")
def names():
    return ["ann"]


@pytest.fixture(scope="module")
def bag():
    return Bag()
