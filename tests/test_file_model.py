"""The model of a file: answers that never depend on what was checked before, edits seen
through every hop of ``pytest_plugins``, trees that do not outlive their file, and files that
raise no question never built with astroid."""

from __future__ import annotations

import ast
import gc
import os
import subprocess
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flake8_fixture_scope.analysis import build
from flake8_fixture_scope.plugin import FixtureScopeChecker
from flake8_runner import findings, run_flake8

THING = '''\
class Thing:
    def __init__(self):
        self.items = []

    def a(self):
        self.b()

    def b(self):
        self.c()

    def c(self):
        self.d()

    def d(self):
        self.items.append(1)
'''
CONFTEST = '''\
import pytest

from thing import Thing


@pytest.fixture(scope="session")
def thing():
    return Thing()
'''


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def lint(path: Path) -> list[tuple[int, str]]:
    source = path.read_text()
    checker = FixtureScopeChecker(ast.parse(source), str(path), source.splitlines(True))
    return [(line, message.split()[0]) for line, _col, message, _type in checker.run()]


def test_answer_does_not_depend_on_file_order(tmp_path: Path) -> None:
    """``thing.a()`` reaches ``d`` beyond the depth limit; ``thing.c()`` reaches it within."""
    write(tmp_path, {
        "pytest.ini": "[pytest]\n", "thing.py": THING, "tests/conftest.py": CONFTEST,
        "tests/test_a.py": "def test_a(thing):\n    thing.a()\n",
        "tests/test_c.py": "def test_c(thing):\n    thing.c()\n",
    })
    args = ["--select", "FXS", "--extend-ignore", "FXS011"]
    outputs = [
        run_flake8(tmp_path, [*args, "--jobs=1", "tests/test_a.py", "tests/test_c.py"]),
        run_flake8(tmp_path, [*args, "--jobs=1", "tests/test_c.py", "tests/test_a.py"]),
        run_flake8(tmp_path, [*args, "--jobs=2", "tests"]),
        run_flake8(tmp_path, [*args, "--jobs=1", "tests/test_c.py"]),
    ]
    assert all("Traceback" not in result.stderr for result in outputs)
    found = [findings(result.stdout) for result in outputs]
    assert found[0] == found[1] == found[2] == found[3] == {("tests/test_c.py", 2, "FXS002")}


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rewrite(path: Path, text: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(text)
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_scope_changed_two_plugin_hops_away_is_seen(in_project: Path) -> None:
    fixture = 'import pytest\n\n\n@pytest.fixture(scope="{}")\ndef far():\n    return {{}}\n'
    write(in_project, {
        "pytest.ini": "[pytest]\n",
        "conftest.py": 'pytest_plugins = ["plug_a"]\n',
        "plug_a.py": 'pytest_plugins = ["plug_b"]\n',
        "plug_b.py": fixture.format("session"),
        "tests/test_far.py": 'def test_far(far):\n    far["x"] = 1\n',
    })
    test = in_project / "tests" / "test_far.py"
    assert lint(test) == [(2, "FXS001")]
    rewrite(in_project / "plug_b.py", fixture.format("function"))
    assert lint(test) == []
    rewrite(in_project / "plug_b.py", fixture.format("module"))
    assert lint(test) == [(2, "FXS001")]


@pytest.fixture
def built_trees(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[weakref.ref[Any]]]:
    """Weak references to every astroid tree the plugin builds for a checked file."""
    built: list[weakref.ref[Any]] = []
    original = build.build_module

    def recording(*args: Any, **kwargs: Any) -> Any:
        module = original(*args, **kwargs)
        if module is not None and kwargs.get("tree") is not None:  # a checked file, from flake8's tree
            built.append(weakref.ref(module))
        return module

    monkeypatch.setattr(build, "build_module", recording)
    yield built


def test_checked_trees_are_freed(in_project: Path, built_trees: list[weakref.ref[Any]]) -> None:
    write(in_project, {
        "pytest.ini": "[pytest]\n",
        "tests/conftest.py": CONFTEST.replace("Thing()", "{}").replace("from thing import Thing\n", ""),
    })
    for number in range(25):
        write(in_project, {f"tests/test_{number}.py": f'import os\n\n\ndef test_{number}(thing):\n'
                           f'    thing["k"] = 1\n    os.environ["K{number}"] = "1"\n'})
        assert lint(in_project / "tests" / f"test_{number}.py") == [(5, "FXS001"), (6, "FXS020")]
    gc.collect()
    assert len(built_trees) == 25
    assert [ref for ref in built_trees if ref() is not None] == []


def test_file_without_questions_builds_no_tree(in_project: Path, built_trees: list[weakref.ref[Any]]) -> None:
    write(in_project, {
        "pytest.ini": "[pytest]\n",
        "tests/conftest.py": CONFTEST.replace("Thing()", "{}").replace("from thing import Thing\n", ""),
        "tests/test_reads.py": 'import os\n\n\ndef test_reads(tmp_path):\n'
                               '    assert os.environ.get("HOME")\n    (tmp_path / "x").write_text("1")\n'
                               '    assert sorted(os.listdir(tmp_path)) == ["x"]\n',
        "tests/test_leaks.py": 'import os\n\n\ndef test_leaks(tmp_path):\n    os.environ["K"] = "1"\n',
        "tests/test_scoped.py": 'import decimal\n\nimport numpy as np\n\n\ndef test_scoped():\n'
                                '    with np.errstate(all="raise"), decimal.localcontext():\n'
                                '        assert np.ones(1).sum() == 1\n',
    })
    assert lint(in_project / "tests" / "test_reads.py") == []
    assert lint(in_project / "tests" / "test_scoped.py") == []  # settings put back when the block ends
    assert built_trees == []
    assert lint(in_project / "tests" / "test_leaks.py") == [(5, "FXS020")]
    assert len(built_trees) == 1


def test_file_without_questions_does_not_import_astroid(in_project: Path) -> None:
    """An editor's one-file lint of a file that raises no question pays neither for an astroid
    build nor for importing astroid; the first file that needs it imports it."""
    write(in_project, {
        "pytest.ini": "[pytest]\n",
        "tests/conftest.py": CONFTEST.replace("Thing()", "{}").replace("from thing import Thing\n", ""),
        "tests/test_reads.py": 'import os\n\n\ndef test_reads(tmp_path):\n'
                               '    assert os.environ.get("HOME")\n',
        "tests/test_leaks.py": 'def test_leaks(thing):\n    thing["k"] = 1\n',
    })
    probe = (
        "import ast, sys\n"
        "from flake8_fixture_scope.plugin import FixtureScopeChecker\n"
        "def lint(path):\n"
        "    source = open(path).read()\n"
        "    found = FixtureScopeChecker(ast.parse(source), path, source.splitlines(True)).run()\n"
        "    return [message.split()[0] for _line, _col, message, _type in found]\n"
        "print(lint('tests/test_reads.py'), 'astroid' in sys.modules)\n"
        "print(lint('tests/test_leaks.py'), 'astroid' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=in_project, capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.splitlines() == ["[] False", "['FXS001'] True"], result.stderr
