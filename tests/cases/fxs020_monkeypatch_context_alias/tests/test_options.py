import pytest

import config


class TestFreshOptions:
    @pytest.fixture(autouse=True)
    def fresh_options(self, monkeypatch):
        with monkeypatch.context() as m:
            m.setattr(config, "options", config.Options())
            yield

    def test_width(self):
        config.options.width = 120

    def test_alias(self):
        options = config.options
        options.colour = "never"


def test_patched_in_context_then_assigned(monkeypatch):
    with monkeypatch.context() as patcher:
        patcher.setattr(config.Frame, "metadata", ["name"])
        config.Frame.metadata = ["name"]


def test_width_outside_the_class():
    config.options.width = 120  # error: FXS020


def test_assigned_after_the_context_ended(monkeypatch):
    with monkeypatch.context() as patcher:
        patcher.setattr(config.Frame, "metadata", ["name"])
    config.Frame.metadata = ["other"]  # error: FXS020


class TestContextPatchesSomethingElse:
    @pytest.fixture(autouse=True)
    def other(self, monkeypatch):
        with monkeypatch.context() as m:
            m.setattr(config.Frame, "metadata", [])
            yield

    def test_width(self):
        config.options.width = 120  # error: FXS020
