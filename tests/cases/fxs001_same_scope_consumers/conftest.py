import pytest


@pytest.fixture(scope="module")
def table():
    return {"rows": []}


@pytest.fixture(scope="module")
def seeded_table(table):
    table["rows"].append({"id": 1})
    table["ready"] = True
    return table


@pytest.fixture(scope="session")
def wide():
    return {"rows": []}


@pytest.fixture(scope="session")
def widest(wide):
    wide["rows"].clear()
    return wide
