import pytest

from settings import settings


class TestWithClassFixture:
    @pytest.fixture(scope="class")
    def class_debug(self):
        settings.timeout = 1  # error: FXS022
        yield
        settings.timeout = 10

    def test_timeout(self, class_debug):
        assert settings.timeout == 1


def test_debug(debug_settings, shared_flag, settings_copy):
    assert debug_settings.debug
