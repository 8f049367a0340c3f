"""Summaries of project functions: what calling one changes in its module or class, followed to a
bounded depth, kept only when complete."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from flake8_fixture_scope.analysis import summaries
from flake8_fixture_scope.plugin import FixtureScopeChecker

PROJECT = '''\
COUNT = 0
REGISTRY = {}


def bump():
    global COUNT
    COUNT += 1


def register(name):
    REGISTRY[name] = True


def reads():
    return dict(REGISTRY)


def builds():
    made = {}
    made["x"] = 1
    return made


def level1():
    level2()


def level2():
    level3()


def level3():
    bump()


def ping():
    pong()
    register("ping")


def pong():
    ping()


class Plugin:
    instances = 0
    hooks = []

    def __init__(self):
        Plugin.instances += 1
        self.own = []

    @classmethod
    def hook(cls, item):
        cls.hooks.append(item)

    def add_own(self, item):
        self.own.append(item)


class Box:
    def __init__(self):
        self.items = []

    def add(self, item):
        self.items.append(item)
'''


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "__init__.py").write_text("")
    (tmp_path / "proj" / "state.py").write_text(PROJECT)
    (tmp_path / "tests").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def lint(project: Path, body: str, name: str = "test_calls.py") -> list[tuple[int, str, str]]:
    source = "from proj import state\nfrom proj.state import Plugin\n\n\ndef test_it():\n" + body
    path = project / "tests" / name
    path.write_text(source)
    checker = FixtureScopeChecker(ast.parse(source), str(path), source.splitlines(True))
    return [(line, message.split()[0], message) for line, _col, message, _type in checker.run()]


@pytest.mark.parametrize(("call", "target", "site"), [
    ("state.bump()", "proj.state.COUNT", "rebinding through 'global'"),  # '+=' too
    ("state.register('x')", 'proj.state.REGISTRY["x"]', "item assignment"),
    ("Plugin.hook(1)", "proj.state.Plugin.hooks", ".append()"),
    ("Plugin()", "proj.state.Plugin.instances", "augmented attribute assignment"),
])
def test_changes_are_reported_at_the_call(project: Path, call: str, target: str, site: str) -> None:
    found = lint(project, f"    {call}\n")
    assert [(line, code) for line, code, _ in found] == [(6, "FXS020")]
    message = found[0][2]
    assert f"'{target}'" in message
    assert "proj/state.py:" in message
    if "global" not in site:
        assert site in message


@pytest.mark.parametrize("call", ["state.reads()", "state.builds()", "state.Box().add(1)"])
def test_reading_and_building_are_not_changes(project: Path, call: str) -> None:
    assert [code for _, code, _ in lint(project, f"    {call}\n")] == []


def test_depth_limit(project: Path) -> None:
    """level1 -> level2 -> level3 -> bump is one level deeper than the summaries follow."""
    assert lint(project, "    state.level3()\n")[0][1] == "FXS020"
    assert lint(project, "    state.level2()\n")[0][1] == "FXS020"
    assert lint(project, "    state.level1()\n") == []


def test_cycles_end_and_are_not_kept(project: Path) -> None:
    found = lint(project, "    state.ping()\n")
    assert [(line, code) for line, code, _ in found] == [(6, "FXS020")]
    assert "REGISTRY" in found[0][2]
    kept = {func.name: depths for func, depths in summaries._SUMMARIES.items()}
    assert "pong" not in kept or 1 not in kept["pong"]  # cut short by the cycle: not kept


def test_answers_do_not_depend_on_what_ran_before(project: Path) -> None:
    alone = lint(project, "    state.level2()\n", "test_alone.py")
    lint(project, "    state.level1()\n", "test_first.py")
    after = lint(project, "    state.level2()\n", "test_after.py")
    assert [(line, code) for line, code, _ in alone] == [(line, code) for line, code, _ in after] == [(6, "FXS020")]
