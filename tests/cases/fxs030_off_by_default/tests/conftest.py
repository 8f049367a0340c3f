import socket

import pytest


@pytest.fixture(scope="session")
def sock():
    return socket.socket()
