import copy

import pytest

from app.state import PARAMETERS, SETTINGS


@pytest.fixture
def parameters():
    return PARAMETERS


@pytest.fixture
def settings_copy():
    return copy.deepcopy(SETTINGS)


@pytest.fixture
def fresh():
    return []
