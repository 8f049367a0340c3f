import copy

import pytest


@pytest.mark.parametrize("cfg", [{"a": {"b": 1}}])
def test_rebound_copy(cfg):
    cfg = dict(cfg)
    cfg["x"] = 1


@pytest.mark.parametrize("cfg", [{"a": {"b": 1}}])
def test_deep_copy(cfg):
    mine = copy.deepcopy(cfg)
    mine["a"]["b"] = 2


@pytest.mark.parametrize("cfg", [{"a": {"b": 1}}])
def test_shallow_copy_keeps_inner(cfg):
    mine = cfg.copy()
    mine["a"]["b"] = 2  # error: FXS004
