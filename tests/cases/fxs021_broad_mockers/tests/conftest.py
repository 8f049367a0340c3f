import pytest


@pytest.fixture(scope="session")
def session_clock(session_mocker):
    return session_mocker.patch("app.clock.now")


@pytest.fixture(scope="module")
def module_clock(module_mocker):
    return module_mocker.patch.object(pytest, "approx")


@pytest.fixture(scope="module")
def module_fixture_through_session_mocker(session_mocker):
    return session_mocker.patch("app.clock.now")  # error: FXS021


@pytest.fixture
def stops_what_it_patched(session_mocker):
    fake = session_mocker.patch("app.clock.now")
    yield fake
    session_mocker.stopall()


@pytest.fixture
def stops_one_patch(module_mocker):
    fake = module_mocker.patch("app.clock.now")
    other = module_mocker.patch("app.mail.send")  # error: FXS021
    yield fake, other
    module_mocker.stop(fake)
