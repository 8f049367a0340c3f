"""An editor's language server runs flake8 in one process: edits to conftests and plugin
modules must show the next time, without a restart."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from flake8_fixture_scope.plugin import FixtureScopeChecker

TEST_SOURCE = (
    'pytest_plugins = ["plugin_fx"]\n\n\n'
    'def test_x(shared, other):\n    shared["b"] = 2\n    other["c"] = 3\n'
)
FIXTURE = 'import pytest\n\n\n@pytest.fixture(scope="{scope}")\ndef {name}():\n    return {{"a": 1}}\n'


def lint(project: Path) -> list[tuple[int, str]]:
    source = (project / "tests" / "test_x.py").read_text()
    checker = FixtureScopeChecker(ast.parse(source), str(project / "tests" / "test_x.py"),
                                  source.splitlines(True))
    return [(line, message.split()[0]) for line, _col, message, _type in checker.run()]


def rewrite(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))  # a new stamp even on coarse clocks


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "plugin_fx.py").write_text(FIXTURE.format(scope="session", name="shared"))
    (tmp_path / "tests" / "conftest.py").write_text(FIXTURE.format(scope="session", name="other"))
    (tmp_path / "tests" / "test_x.py").write_text(TEST_SOURCE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_edited_plugin_module_is_seen(project: Path) -> None:
    assert lint(project) == [(5, "FXS001"), (6, "FXS001")]
    rewrite(project / "plugin_fx.py", FIXTURE.format(scope="function", name="shared"))
    assert lint(project) == [(6, "FXS001")]


def test_edited_conftest_is_seen(project: Path) -> None:
    assert lint(project) == [(5, "FXS001"), (6, "FXS001")]
    rewrite(project / "tests" / "conftest.py", FIXTURE.format(scope="function", name="other"))
    assert lint(project) == [(5, "FXS001")]
