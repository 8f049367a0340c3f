import pytest

from settings import Settings, settings


@pytest.fixture(scope="session")
def shared_flag():
    pytest.shared_flag = True  # error: FXS022
    return True


@pytest.fixture(scope="module")
def debug_settings():
    settings.debug = True  # error: FXS022
    yield settings
    settings.debug = False


@pytest.fixture(scope="package")
def slow_timeout():
    setattr(Settings, "timeout", 60)  # error: FXS022
    return Settings


@pytest.fixture(scope="session")
def settings_copy():
    local = Settings()
    local.debug = True
    return local
