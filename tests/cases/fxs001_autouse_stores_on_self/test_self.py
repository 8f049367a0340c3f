import pytest


class TestStored:
    @pytest.fixture(autouse=True)
    def _attach(self, registry):
        self.registry = registry
        self.meta = registry["meta"]
        self.names = list(registry["names"])

    def test_mutates(self):
        self.registry["names"].append("x")  # error: FXS002
        self.meta["k"] = 1  # error: FXS001
        self.names.append("x")

    def test_reads(self):
        assert self.registry["names"] == []
