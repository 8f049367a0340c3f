import pytest


@pytest.mark.parametrize("cfg", [{"flags": {}}])
def test_param(cfg):
    cfg["flags"]["debug"] = True


@pytest.mark.parametrize(("cfg", "n"), [({"flags": {}}, 1)])
def test_tuple_names(cfg, n):
    cfg["flags"]["debug"] = True


@pytest.mark.parametrize("n, cfg", [(1, {"flags": {}})])
class TestParametrizedClass:
    def test_in_class(self, n, cfg):
        cfg["flags"]["debug"] = True


def test_defaulted(cfg={"flags": {}}):
    cfg["flags"]["debug"] = True


def test_keyword_default(*, cfg=None):
    cfg["flags"]["debug"] = True
