import pytest


@pytest.mark.parametrize("cfg", [{"a": 1}])
def test_changes(cfg):
    cfg["b"] = 2
