import pytest


class TestSharedOnClass:
    @pytest.fixture(scope="class", autouse=True)
    def _attach(self, request, registry):
        request.cls.registry = registry

    def test_mutates(self):
        self.registry["names"].append("x")  # error: FXS002

    def test_reads(self):
        assert self.registry["meta"] == {}


class TestOwnValue:
    @pytest.fixture(scope="class", autouse=True)
    def _attach(self, request):
        request.cls.registry = {"names": []}

    def test_mutates_own(self):
        self.registry["names"].append("x")
