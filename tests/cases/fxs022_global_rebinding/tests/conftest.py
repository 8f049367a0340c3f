import pytest

CONNECTION = None
MODE = "normal"


@pytest.fixture(scope="module")
def connection():
    global CONNECTION
    CONNECTION = object()  # error: FXS022
    yield CONNECTION
    CONNECTION = None


@pytest.fixture
def strict_mode():
    global MODE
    MODE = "strict"
    yield
    MODE = "normal"


@pytest.fixture(scope="session")
def mode_reader():
    return MODE


@pytest.fixture(scope="session")
def local_mode():
    MODE = "local"
    return MODE
