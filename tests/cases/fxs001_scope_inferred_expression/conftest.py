import pytest

from scopes import MODULE_SCOPE

PREFIX = "sess"


@pytest.fixture(scope=PREFIX + "ion")
def joined():
    return {}


@pytest.fixture(scope=MODULE_SCOPE)
def imported_scope():
    return {}
