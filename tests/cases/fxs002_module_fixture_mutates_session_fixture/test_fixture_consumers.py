import pytest


@pytest.fixture(scope="module")
def module_user(registry):
    registry["names"].append("module")  # error: FXS002
    return registry


@pytest.fixture
def function_user(registry):
    registry["meta"]["owner"] = "test"  # error: FXS001
    return None


@pytest.fixture(scope="class")
def class_user(registry):
    registry["meta"].clear()  # error: FXS002
    yield


def test_uses(module_user, function_user):
    pass
