"""The snapshot rebound through ``global`` (a copy, ``dict()`` or ``.copy()``), and one that
is the registry itself rather than a copy of it."""

from pkg import registry

SAVED = None
SAVED_HANDLERS = None


def setup_module():
    global SAVED, SAVED_HANDLERS
    SAVED = dict(registry.REGISTRY)
    SAVED_HANDLERS = registry.HANDLERS


def teardown_module():
    registry.REGISTRY.clear()
    registry.REGISTRY.update(SAVED)
    registry.HANDLERS.clear()
    registry.HANDLERS.extend(SAVED_HANDLERS)


def test_registers_a_plugin():
    registry.REGISTRY["plugin"] = "handler"


def test_appends_a_handler():
    registry.HANDLERS.append("extra")  # error: FXS020
