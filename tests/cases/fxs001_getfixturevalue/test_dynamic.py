import pytest

NAME = "registry"


def test_fetch(request):
    registry = request.getfixturevalue("registry")
    registry["names"].append("x")  # error: FXS002
    request.getfixturevalue(NAME)["meta"]["k"] = 1  # error: FXS001


@pytest.fixture
def fetching(request):
    meta = request.getfixturevalue("registry")["meta"]
    meta.clear()  # error: FXS002
