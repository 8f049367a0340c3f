import pytest

from app import config
from app.config import Registry, current_plugins, make_settings, register, setup_all


def test_enables_debug():
    config.enable_debug()  # error: FXS020


def test_registers():
    register("x", object())  # error: FXS020


def test_through_a_wrapper():
    setup_all()  # error: FXS020


def test_classmethod_writes_class():
    Registry.add("k", print)  # error: FXS020


def test_constructor_counts():
    Registry("r")  # error: FXS020


def test_reads_only():
    assert current_plugins() == {} or True
    assert Registry.size() >= 0
    assert make_settings()["made"]


def test_own_objects():
    registry = Registry.__new__(Registry)
    registry.local = []
    registry.remember(1)


def test_restored_in_finally():
    config.enable_debug()
    try:
        assert config.DEBUG
    finally:
        config.disable_debug()


def test_restored_by_assignment():
    config.enable_debug()
    try:
        assert config.DEBUG
    finally:
        config.DEBUG = False


def test_patched(monkeypatch):
    monkeypatch.setattr(config, "DEBUG", False)
    config.enable_debug()


@pytest.fixture
def debug():
    config.enable_debug()
    yield
    config.disable_debug()


def test_uses_restoring_fixture(debug):
    assert config.DEBUG


def test_local_class_state_is_the_tests():
    class Recorder:
        calls = 0

        @classmethod
        def record(cls):
            cls.calls += 1

    Recorder.record()
    assert Recorder.calls == 1


def test_class_state_through_an_instance():
    registry = Registry("local")  # error: FXS020
    registry.handlers["k"] = print  # error: FXS020


def test_instance_state_through_an_instance():
    registry = Registry.__new__(Registry)
    registry.local = []
    registry.local.append(1)
