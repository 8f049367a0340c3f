import pytest


@pytest.fixture(scope="session")
def cfg(tmp_path_factory):
    value = {"flags": {}, "users": []}
    value["flags"]["debug"] = False
    value["users"].append("ann")
    value["root"] = tmp_path_factory.mktemp("data")
    yield value
    value.clear()
