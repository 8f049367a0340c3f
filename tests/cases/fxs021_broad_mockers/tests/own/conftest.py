import pytest


@pytest.fixture
def session_mocker(mocker):
    return mocker
