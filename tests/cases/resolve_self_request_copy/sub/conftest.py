import pytest


@pytest.fixture
def registry(registry):
    return {"names": list(registry["names"]), "meta": dict(registry["meta"])}
