import pytest


@pytest.mark.parametrize("pair", [(1, 2), (3, 4)])
def test_tuples(pair):
    pair += (5,)
    assert pair


@pytest.mark.parametrize("text", ["a", "b"])
def test_strings(text):
    text += "x"
    assert text.replace("x", "")


@pytest.mark.parametrize("n", [1, 2])
def test_ints(n):
    n *= 2
