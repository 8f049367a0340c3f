import pytest


@pytest.mark.parametrize("cfg", [{"a": 1}, {"a": 2}])
def test_changes(cfg):
    cfg["b"] = 2  # error: FXS004
    assert cfg["a"]


@pytest.mark.parametrize("cfg", [{"a": 1}])
def test_reads(cfg):
    assert cfg.get("a") == 1
    assert sorted(cfg.keys()) == ["a"]
