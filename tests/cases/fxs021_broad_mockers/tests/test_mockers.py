import pytest


def test_session_mocker_in_a_test(session_mocker):
    session_mocker.patch("app.clock.now")  # error: FXS021


def test_module_mocker_patch_object(module_mocker):
    module_mocker.patch.object(pytest, "approx")  # error: FXS021


def test_spy_and_dict(package_mocker):
    package_mocker.spy(pytest, "approx")  # error: FXS021
    package_mocker.patch.dict("os.environ", {"MODE": "test"})  # error: FXS021


def test_alias(session_mocker):
    m = session_mocker
    m.patch("app.clock.now")  # error: FXS021


def test_stub_is_no_patch(session_mocker):
    assert session_mocker.stub()


def test_mocker_is_function_scoped(mocker):
    mocker.patch("app.clock.now")
    mocker.patch.object(pytest, "approx")


def test_class_mocker_outside_a_class(class_mocker):
    class_mocker.patch("app.clock.now")


class TestInAClass:
    def test_class_mocker(self, class_mocker):
        class_mocker.patch("app.clock.now")  # error: FXS021

    @pytest.fixture(scope="class")
    def class_fixture(self, class_mocker):
        return class_mocker.patch("app.clock.now")

    def test_uses(self, class_fixture, session_clock, module_clock):
        assert class_fixture


@pytest.mark.parametrize("session_mocker", [object()])
def test_parametrized_name(session_mocker):
    session_mocker.patch("app.clock.now")
