import pytest
import pytest as pt
import pytest_asyncio
from pytest import fixture
from pytest import fixture as fx

session_fixture = pytest.fixture(scope="session")


@pytest.fixture(scope="session")
def called():
    return {}


@fixture(scope="module")
def imported():
    return {}


@fx(scope="package")
def imported_as():
    return {}


@pt.fixture(scope="session")
def module_alias():
    return {}


@session_fixture
def decorator_alias():
    return {}


@pytest_asyncio.fixture(scope="session")
async def asynchronous():
    return {}


@pytest.yield_fixture(scope="session")
def yielded():
    yield {}
