import pytest


@pytest.fixture(scope="session")
def per_test_data():
    return {"n": 2}


@pytest.fixture(scope="session")
def overridden_is_fine(per_test_data):
    return per_test_data


@pytest.fixture(scope="class")
def class_needs_function(mocker):  # error: FXS010
    return mocker


@pytest.fixture(scope="session")
def session_mock(session_mocker, worker_id):
    return session_mocker
