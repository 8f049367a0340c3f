from models import DEFAULT, Model


class Helper:
    calls = 0


HELPER = Helper()


def test_class_attribute():
    Model.table = "other"  # error: FXS020


def test_class_attribute_deleted():
    del Model.table  # error: FXS020


def test_class_dict_attribute():
    Model.cache["key"] = 1  # error: FXS020


def test_module_object_attribute():
    HELPER.calls += 1  # error: FXS020


def test_instances_made_here():
    model = Model()
    model.table = "mine"
    helper = Helper()
    helper.calls = 3


def test_frozen_refuses():
    DEFAULT.name = "y"


class TestOwnClass:
    seen = 0

    def test_own_class_counter(self):
        TestOwnClass.seen += 1  # error: FXS020
        self.value = 1

    def test_other_class(self):
        Helper.calls = 5  # error: FXS020
