import pytest


@pytest.mark.parametrize("name", ["per_test"])
def test_fetch_lookalikes(request, name):
    request.getfixturevalue("per_test")["names"].append("x")
    request.getfixturevalue("unknown")["names"].append("x")
    request.getfixturevalue(name)["names"].append("x")
