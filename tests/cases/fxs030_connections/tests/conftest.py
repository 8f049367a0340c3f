import socket
import sqlite3

import pytest


@pytest.fixture(scope="session")
def db():
    conn = sqlite3.connect(":memory:")
    return conn  # error: FXS030


@pytest.fixture(scope="module")
def sock():
    return socket.socket()  # error: FXS030


@pytest.fixture(scope="session")
def path():
    return "/tmp/x"
