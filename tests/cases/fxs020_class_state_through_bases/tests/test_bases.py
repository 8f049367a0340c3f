from app.base import Recorder
from app.image import Blueprint, Explicit, Fresh, Image, OwnList, Step, Watched


def test_super_init_counts():
    Image()  # error: FXS020


def test_explicit_base_init_counts():
    Explicit()  # error: FXS020


def test_base_list_through_method():
    watched = Watched()
    watched.watch([1])  # error: FXS020


def test_base_list_directly():
    watched = Watched()
    watched._obs.append(1)  # error: FXS020


def test_mixin_object_attribute():
    blp = Blueprint()
    blp.PARSER.status = 400  # error: FXS020


def test_super_method():
    Step().step()  # error: FXS020


def test_no_super_call():
    Fresh()


def test_own_list_per_instance():
    own = OwnList()
    own.watch([1])


def test_instance_attribute_shadows():
    blp = Blueprint()
    blp.label = "mine"


def test_reads_through_super():
    assert Step().show()


def test_restored_mixin_object():
    blp = Blueprint()
    blp.PARSER.status = 400
    try:
        assert blp.PARSER.status == 400
    finally:
        blp.PARSER.status = 200


def test_dataclass_field_is_per_instance():
    recorder = Recorder()
    recorder.record.append(1)


def test_dataclass_class_variable_is_shared():
    recorder = Recorder()
    recorder.shared.append(1)  # error: FXS020
