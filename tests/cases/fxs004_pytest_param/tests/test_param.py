import random

import pytest


@pytest.mark.parametrize(
    "values",
    [pytest.param([3, 1, 2], id="unsorted"), pytest.param([1], id="single")],
)
def test_sorting(values):
    values.sort()  # error: FXS004
    assert values == sorted(values)


@pytest.mark.parametrize("values", [pytest.param([3, 1, 2], id="shuffled")])
def test_shuffle(values):
    random.shuffle(values)  # error: FXS004


@pytest.mark.parametrize("values", [pytest.param([3, 1, 2], id="sorted-copy")])
def test_sorted_copy(values):
    ordered = sorted(values)
    ordered.reverse()
