import pytest


@pytest.fixture(scope="session")
def registry():
    return {"names": [], "meta": {}}


@pytest.fixture(scope="session")
def seeded(registry):
    registry["names"].append("seed")
    registry["meta"]["seeded"] = True
    return registry


@pytest.fixture(scope="package")
def packaged(registry):
    return registry
