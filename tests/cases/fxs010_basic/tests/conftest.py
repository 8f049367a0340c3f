import pytest


@pytest.fixture
def per_test_data():
    return {"n": 1}


@pytest.fixture(scope="module")
def module_data():
    return {"m": 1}


@pytest.fixture(scope="session")
def needs_function_fixture(per_test_data):  # error: FXS010
    return per_test_data


@pytest.fixture(scope="session")
def needs_monkeypatch(monkeypatch):  # error: FXS010
    monkeypatch.setenv("A", "1")


@pytest.fixture(scope="module")
def needs_tmp_path(tmp_path, request):  # error: FXS010
    return tmp_path


@pytest.fixture(scope="session")
def fetches_narrow(request):
    return request.getfixturevalue("module_data")  # error: FXS010


@pytest.fixture(scope="session")
def uses_session_builtins(tmp_path_factory, pytestconfig, request):
    return tmp_path_factory.mktemp("x")


@pytest.fixture(scope="module")
def same_scope(module_data):
    return module_data


@pytest.fixture
def function_uses_anything(module_data, per_test_data, monkeypatch):
    return module_data


@pytest.fixture(scope="session", autouse=True)
def autouse_needs_caplog(caplog):  # error: FXS010
    yield
