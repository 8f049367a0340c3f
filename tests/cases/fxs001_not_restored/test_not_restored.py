import pytest


@pytest.fixture
def temporary_meta(registry):
    registry["meta"]["mode"] = "test"  # error: FXS001
    yield registry
    del registry["meta"]["other"]


def test_restored_other_key(registry):
    registry["meta"]["mode"] = "x"  # error: FXS001
    try:
        pass
    finally:
        registry["meta"].pop("unrelated", None)
