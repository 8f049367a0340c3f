import pytest


@pytest.mark.parametrize("cfg", [{"a": 1}], indirect=True)
def test_indirect(cfg):
    cfg["b"] = 2


@pytest.mark.parametrize("cfg, other", [({"a": 1}, [1])], indirect=["cfg"])
def test_partly_indirect(cfg, other):
    cfg["b"] = 2
    other.append(2)  # error: FXS004
