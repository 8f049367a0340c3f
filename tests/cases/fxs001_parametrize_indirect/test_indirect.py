import pytest


@pytest.mark.parametrize("cfg", ["a"], indirect=True)
def test_indirect(cfg):
    cfg["flags"]["debug"] = True  # error: FXS001


@pytest.mark.parametrize("cfg", ["a"], indirect=["cfg"])
def test_indirect_list(cfg):
    cfg["flags"]["debug"] = True  # error: FXS001


@pytest.mark.parametrize("cfg", ["a"], indirect=["other"])
def test_direct(cfg):
    cfg["flags"]["debug"] = True
