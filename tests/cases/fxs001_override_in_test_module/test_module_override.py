import pytest


@pytest.fixture
def cfg():
    return {"flags": {}}


def test_sets_flag(cfg):
    cfg["flags"]["debug"] = True
