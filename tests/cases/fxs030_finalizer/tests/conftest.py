import subprocess

import pytest


@pytest.fixture(scope="session")
def server(request):
    proc = subprocess.Popen(["sleep", "1"])
    request.addfinalizer(proc.terminate)
    return proc


@pytest.fixture(scope="session")
def leaked_server():
    return subprocess.Popen(["sleep", "1"])  # error: FXS030
