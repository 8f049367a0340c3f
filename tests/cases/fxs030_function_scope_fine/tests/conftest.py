import sqlite3

import pytest


@pytest.fixture
def db():
    return sqlite3.connect(":memory:")


@pytest.fixture(scope="class")
def class_db():
    conn = sqlite3.connect(":memory:")
    yield conn
    conn.close()
