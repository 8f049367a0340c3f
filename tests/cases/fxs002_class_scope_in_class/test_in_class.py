class TestBasket:
    def test_adds(self, basket):
        basket["fruit"].append("apple")  # error: FXS002

    def test_counts(self, basket):
        assert basket["fruit"] == []


def test_module_level(basket):
    basket["fruit"].append("apple")
