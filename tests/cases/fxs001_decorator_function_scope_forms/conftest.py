import pytest
from pytest import fixture

from mylib import fixture as other_fixture

function_fixture = pytest.fixture(scope="function")


@pytest.fixture
def bare():
    return {}


@fixture()
def called_bare():
    return {}


@function_fixture
def aliased_function():
    return {}


@other_fixture(scope="session")
def not_pytest():
    return {}


def plain_session():
    return {}
