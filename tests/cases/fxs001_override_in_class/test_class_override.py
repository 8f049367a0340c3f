import pytest


class TestWithOwnConfig:
    @pytest.fixture
    def cfg(self):
        return {"flags": {}}

    def test_sets_flag(self, cfg):
        cfg["flags"]["debug"] = True


class Base:
    @pytest.fixture
    def cfg(self):
        return {"users": []}


class TestInherits(Base):
    def test_adds_user(self, cfg):
        cfg["users"].append("carol")
