import pytest


@pytest.fixture
def temporary_meta(registry):
    registry["meta"]["mode"] = "test"
    yield registry
    del registry["meta"]["mode"]


@pytest.fixture
def temporary_name(registry, request):
    registry["names"].append("tmp")

    def undo():
        registry["names"].remove("tmp")

    request.addfinalizer(undo)
    return registry


def test_restored_in_finally(registry):
    registry["meta"]["mode"] = "x"
    try:
        assert registry["meta"]["mode"] == "x"
    finally:
        del registry["meta"]["mode"]
