import pytest


@pytest.mark.parametrize("items, count", [([1, 2], 2), ([3], 1)])
def test_pairs(items, count):
    items.append(0)  # error: FXS004
    count += 1
    assert count


@pytest.mark.parametrize(("left", "right"), [([1], [2])])
def test_tuple_names(left, right):
    merged = left + right
    merged.append(3)
    assert len(left) == 1
