import sys

import pytest

PLUGINS = []


@pytest.fixture(scope="module", autouse=True)
def extra_path():
    sys.path.insert(0, "/opt/plugins")
    yield
    sys.path.remove("/opt/plugins")


@pytest.fixture(scope="session", autouse=True)
def registered_plugin():
    PLUGINS.append("core")  # error: FXS020


@pytest.fixture(scope="module")
def requested_plugin():
    PLUGINS.append("extra")  # error: FXS022
    yield
    PLUGINS.remove("extra")


@pytest.fixture(scope="class", autouse=True)
def class_path(request):
    sys.path.append("/opt/class")
    request.addfinalizer(lambda: sys.path.remove("/opt/class"))
