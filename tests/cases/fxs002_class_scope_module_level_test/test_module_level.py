def test_adds(basket):
    basket["fruit"].append("apple")


def test_adds_again(basket):
    basket["fruit"].append("pear")
