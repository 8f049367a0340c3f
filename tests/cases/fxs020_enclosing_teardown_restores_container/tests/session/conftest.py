import pytest

from pkg.registry import REGISTRY


@pytest.fixture(autouse=True, scope="session")
def keep_registry_for_the_session():
    saved = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)
