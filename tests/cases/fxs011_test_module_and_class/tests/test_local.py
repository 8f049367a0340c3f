import pytest


class TestThing:
    @pytest.fixture(scope="class")
    def items(self):
        return []  # error: FXS011

    def test_items(self, items):
        assert items == []


@pytest.fixture(scope="module")
def mapping():
    return {}  # error: FXS011


def test_mapping(mapping):
    assert mapping == {}
