import pytest


@pytest.fixture(scope="session")
def app(private_db):  # error: FXS010
    return private_db


@pytest.fixture(scope="module")
def cache_user(private_cache, not_known_anywhere):
    return private_cache
