import pytest


class TestOwner:
    @pytest.fixture(scope="session")
    def cfg(self):
        return {"flags": {}}


def test_outside(cfg):
    cfg["flags"]["debug"] = True


class TestOther:
    def test_other_class(self, cfg):
        cfg["flags"]["debug"] = True
