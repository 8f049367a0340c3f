import sys

from tests import registry


class Handler:
    pass


def test_removes_its_own_handler():
    handler = Handler()
    registry.HANDLERS.pop(handler, None)


def test_removes_its_own_class():
    class Local:
        pass

    del registry.HANDLERS[Local]


def test_deletes_attribute_the_class_does_not_define():
    if hasattr(registry.Widget, "extra"):
        del registry.Widget.extra
    delattr(registry.Widget, "other")


def test_deletes_an_attribute_the_class_defines():
    del registry.Widget.size  # error: FXS020


def test_removes_a_key_it_did_not_make(name="x"):
    registry.HANDLERS.pop(name)  # error: FXS020
    del sys.modules[name]  # error: FXS020
