import pytest


class Table:
    def __init__(self, rows, meta):
        self.rows = rows
        self.meta = meta

    def copy(self):
        return Table([list(row) for row in self.rows], dict(self.meta))


class SharesRows:
    def __init__(self):
        self.rows = []
        self.meta = {}

    def copy(self):
        new = SharesRows()
        new.rows = self.rows
        return new


class Same:
    def __init__(self):
        self.rows = []

    def copy(self):
        return self


@pytest.fixture(scope="session")
def frozen():
    return {"users": ["a"], "other": [], "device": {"x": 1}}


@pytest.fixture(scope="session")
def table():
    return Table([[1]], {"a": 1})


@pytest.fixture(scope="session")
def shares():
    return SharesRows()


@pytest.fixture(scope="session")
def same():
    return Same()
