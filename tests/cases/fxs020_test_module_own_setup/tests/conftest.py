import pytest

from tests import shared


@pytest.fixture(scope="module", autouse=True)
def shared_flag():
    shared.FLAGS["on"] = True  # error: FXS020
