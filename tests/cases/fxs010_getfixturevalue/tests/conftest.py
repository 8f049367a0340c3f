import pytest

NARROW_NAME = "per_test"


@pytest.fixture
def per_test():
    return 1


@pytest.fixture(scope="session")
def by_constant(request):
    return request.getfixturevalue(NARROW_NAME)  # error: FXS010


@pytest.fixture(scope="session")
def by_variable(request):
    name = request.param if hasattr(request, "param") else pick()
    return request.getfixturevalue(name)


@pytest.fixture
def narrow_fetches_anything(request):
    return request.getfixturevalue("per_test")


def pick():
    return "per_test"
