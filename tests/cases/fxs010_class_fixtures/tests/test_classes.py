import pytest


class TestShop:
    @pytest.fixture
    def cart(self):
        return []

    @pytest.fixture(scope="class")
    def catalogue(self, cart):  # error: FXS010
        return cart

    @pytest.fixture(scope="class")
    def prices(self, inventory):
        return inventory

    def test_it(self, catalogue, prices):
        assert catalogue == []


@pytest.fixture(scope="module")
def inventory():
    return ("apple",)
