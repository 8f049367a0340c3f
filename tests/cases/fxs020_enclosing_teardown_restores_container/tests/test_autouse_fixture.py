"""A module autouse fixture copies the registry before the module's tests and puts it back
after them (after its yield, or in a finalizer)."""

import pytest

from pkg.registry import HANDLERS, REGISTRY


@pytest.fixture(autouse=True, scope="module")
def keep_registry():
    saved = dict(REGISTRY)
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)


@pytest.fixture(autouse=True, scope="module")
def keep_handlers(request):
    saved = HANDLERS[:]

    def put_back():
        HANDLERS.clear()
        HANDLERS.extend(saved)

    request.addfinalizer(put_back)


def test_registers_a_plugin():
    REGISTRY["plugin"] = "handler"


def test_appends_a_handler():
    HANDLERS.append("extra")
