import pytest


class TestNotStored:
    @pytest.fixture(autouse=True)
    def _attach(self, registry):
        self.registry = dict(registry)

    def test_mutates_copy(self):
        self.registry["names"] = []
