import pytest
import pytest_asyncio
from pytest import fixture as fx

session_fixture = pytest.fixture(scope="session")


@pytest.fixture
def request_id():
    return "abc"


@pytest_asyncio.fixture(scope="session")
async def async_client(request_id):  # error: FXS010
    return request_id


@session_fixture
def aliased(request_id):  # error: FXS010
    return request_id


@fx(scope="module")
def imported_name(capsys):  # error: FXS010
    return capsys


@fx
def plain(request_id, capsys):
    return request_id
