"""Inputs nobody writes on purpose, through real flake8: it must finish normally, and go on.

Every project holds, next to the odd files, a sentinel test module with one known leak: its
finding proves that the rest of the run went on after the odd input. The odd files themselves
are either analysed (when astroid can build them, with their annotated findings) or skipped for
this plugin's codes, never with a traceback. ``flake8 -v`` shows our "skipped" log lines; a
skip is accepted only where a resource limit (recursion depth) makes the file unanalysable.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from flake8_fixture_scope.plugin import FixtureScopeChecker
from flake8_runner import findings, run_flake8

SENTINEL = '''\
import pytest


@pytest.fixture(scope="session")
def registry():
    return {"users": []}  # error: FXS011


def test_adds_user(registry):
    registry["users"].append("ann")  # error: FXS002
'''

SHARED_CONFTEST = '''\
import pytest


@pytest.fixture(scope="session")
def shared():
    return {"a": 1}  # error: FXS011
'''

_ANNOTATION = re.compile(r"#\s*error:\s*(?P<codes>FXS\d{3}(?:\s*,\s*FXS\d{3})*)")
FLAKE8_EXCLUDES = {"long_string_concatenation": ["--extend-exclude", "tests/long/conftest.py,long_helper.py"]}
_SKIPPED = re.compile(r"fixture-scope: (?P<path>\S+?):? .*skipped: (?P<error>\w+)")


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def annotated(project: Path) -> set[tuple[str, int, str]]:
    """``# error:`` annotations of the project's files, without following links or loops."""
    expected: set[tuple[str, int, str]] = set()
    for folder, _dirs, files in os.walk(project):
        for name in files:
            path = Path(folder, name)
            if not name.endswith(".py") or path.is_symlink():
                continue
            relative = path.relative_to(project).as_posix()
            text = path.read_bytes().decode("utf-8", errors="replace")
            for number, line in enumerate(text.splitlines(), start=1):
                match = _ANNOTATION.search(line)
                if match:
                    expected |= {(relative, number, c) for c in re.split(r"\s*,\s*", match["codes"])}
    return expected


def new_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    write(project, "pytest.ini", "[pytest]\n")
    write(project, "tests/test_sentinel.py", SENTINEL)
    return project


# ---------------------------------------------------------------------- the odd inputs
def conftest_with_syntax_error(project: Path) -> None:
    write(project, "tests/conftest.py", "import pytest\n\ndef broken(:\n    pass\n")
    write(project, "tests/test_uses_broken.py",
          "def test_reads(shared):\n    shared['a'] = 2\n")


def non_utf8_conftests(project: Path) -> None:
    declared = ("# -*- coding: latin-1 -*-\nimport pytest\n\nNAME = 'caf\xe9'\n\n\n"
                "@pytest.fixture(scope='session')\ndef shared():\n"
                "    return {NAME: 1}  # error: FXS011\n").encode("latin-1")
    write(project, "tests/conftest.py", declared)
    write(project, "tests/test_latin.py",
          "def test_changes(shared):\n    shared['x'] = 2  # error: FXS001\n")
    write(project, "tests/undeclared/conftest.py", b"import pytest\nNAME = '\xff\xfe'\n")
    write(project, "tests/undeclared/test_below.py",
          "def test_changes(shared):\n    shared['y'] = 3  # error: FXS001\n")


def circular_pytest_plugins(project: Path) -> None:
    write(project, "conftest.py", "pytest_plugins = ['plugin_a']\n")
    write(project, "plugin_a.py", "pytest_plugins = ['plugin_b', 'plugin_a']\n")
    write(project, "plugin_b.py", "pytest_plugins = ['plugin_a']\n" + SHARED_CONFTEST)
    write(project, "tests/test_circle.py",
          "def test_changes(shared):\n    shared['a'] = 2  # error: FXS001\n")


def symlink_loops(project: Path) -> None:
    write(project, "tests/sub/conftest.py", SHARED_CONFTEST)
    write(project, "tests/sub/test_in_loop.py",
          "def test_changes(shared):\n    shared.clear()  # error: FXS002\n")
    os.symlink(project / "tests", project / "tests" / "sub" / "back_up")
    os.symlink("itself.py", project / "tests" / "sub" / "itself.py")
    deeper = project / "tests" / "sub" / "deeper"
    deeper.mkdir()
    os.symlink("conftest.py", deeper / "conftest.py")  # a conftest that is a loop itself
    write(project, "tests/sub/deeper/test_deeper.py",
          "def test_changes(shared):\n    shared['b'] = 1  # error: FXS001\n")


def long_string_concatenation(project: Path) -> None:
    """pyflakes itself overflows the stack on a 500-term expression in a file flake8 checks, so
    here the expressions sit where only this plugin reads them (flake8 excludes those files): a
    conftest and a helper module; astroid cannot build them, so they are passed over, and the
    rest goes on. ``test_checker_on_long_concatenation`` feeds such a file to the checker."""
    terms = " + ".join(f"'part{n}'" for n in range(500))
    write(project, "tests/conftest.py", SHARED_CONFTEST)
    write(project, "tests/long/conftest.py", f"import pytest\n\nLONG = {terms}\n")
    write(project, "tests/long/long_helper.py", f"KEY = {terms}\n\n\ndef fill(target):\n"
                                                f"    target[KEY] = {terms}\n")
    write(project, "tests/long/test_long.py",
          "from long_helper import KEY, fill\n\n\ndef test_changes(shared):\n"
          "    shared[KEY] = 1  # error: FXS001\n    fill(shared)\n")


def deeply_nested_expressions(project: Path) -> None:
    nested_list = "[" * 90 + "1" + "]" * 90
    nested_calls = "f(" * 90 + "1" + ")" * 90
    nested_maths = "(" * 90 + "1" + " + 1)" * 90
    write(project, "tests/conftest.py", SHARED_CONFTEST)
    write(project, "tests/test_nested.py",
          "def f(x):\n    return x\n\n\n"
          f"def test_changes(shared):\n    shared['a'] = {nested_list}  # error: FXS001\n"
          f"    shared['b'] = {nested_calls}  # error: FXS001\n"
          f"    shared['c'] = {nested_maths}  # error: FXS001\n")


def self_referential_classes(project: Path) -> None:
    write(project, "tests/conftest.py", '''\
import pytest


class Loop(Loop):
    pass


class Ping(Pong):
    pass


class Pong(Ping):
    pass


class Node:
    def __init__(self):
        self.next = self
        self.items = []

    def grow(self):
        self.next.next.items.append(self)


@pytest.fixture(scope="session")
def node():
    return Node()


@pytest.fixture(scope="session")
def ping():
    return Ping()
''')
    write(project, "tests/test_classes.py", '''\
def test_grows(node):
    node.grow()  # error: FXS002


def test_ping(ping):
    ping.value = 1  # error: FXS003
''')


def module_importing_itself(project: Path) -> None:
    write(project, "tests/conftest.py", SHARED_CONFTEST)
    write(project, "tests/test_itself.py", '''\
import test_itself
from test_itself import *
from test_itself import helper


def helper(value):
    test_itself.helper(value)


def test_changes(shared):
    helper(shared)
    test_itself.helper(shared)
''')


def empty_and_docstring_files(project: Path) -> None:
    write(project, "tests/conftest.py", "")
    write(project, "tests/test_empty.py", "")
    write(project, "tests/test_docstring.py", '"""Only a docstring."""\n')
    write(project, "tests/sub/conftest.py", '"""Only a docstring, in a conftest."""\n')
    write(project, "tests/sub/test_below.py", "def test_nothing(tmp_path):\n    tmp_path.touch()\n")


CASES: dict[str, Callable[[Path], None]] = {
    f.__name__: f for f in (
        conftest_with_syntax_error, non_utf8_conftests, circular_pytest_plugins, symlink_loops,
        long_string_concatenation, deeply_nested_expressions, self_referential_classes,
        module_importing_itself, empty_and_docstring_files,
    )
}
# Files astroid cannot build within Python's recursion limit: skipped, and said so with -v.
MAY_SKIP = {"long_string_concatenation": {"RecursionError"}, "deeply_nested_expressions": {"RecursionError"}}


def skipped_files(stderr: str) -> dict[str, str]:
    return {m["path"]: m["error"] for m in _SKIPPED.finditer(stderr)}


@pytest.mark.parametrize("case", sorted(CASES))
def test_odd_input_ends_normally(case: str, tmp_path: Path) -> None:
    project = new_project(tmp_path)
    CASES[case](project)
    excludes = FLAKE8_EXCLUDES.get(case, [])
    result = run_flake8(project, ["-v", "--select", "FXS", "--jobs", "1", *excludes, "."])
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert findings(result.stdout) == annotated(project), result.stdout
    unexpected = {p: e for p, e in skipped_files(result.stderr).items()
                  if e not in MAY_SKIP.get(case, set())}
    assert unexpected == {}, result.stderr[-3000:]


def test_checker_on_long_concatenation(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The checker as flake8 calls it (flake8's tree, its lines) on a 500-term test module:
    astroid cannot build it within the recursion limit, so it is passed over, with a log line."""
    project = new_project(tmp_path)
    write(project, "tests/conftest.py", SHARED_CONFTEST)
    terms = " + ".join(f"'part{n}'" for n in range(500))
    source = f"KEY = {terms}\n\n\ndef test_changes(shared):\n    shared[KEY] = {terms}\n"
    path = write(project, "tests/test_long.py", source)
    checker = FixtureScopeChecker(ast.parse(source), str(path), source.splitlines(keepends=True))
    with caplog.at_level(logging.DEBUG, logger="flake8.fixture_scope"):
        assert list(checker.run()) == []
    assert [r.getMessage() for r in caplog.records] == [
        f"fixture-scope: cannot parse {path}: maximum recursion depth exceeded"
    ]


# ---------------------------------------------------------------------- generated modules
_PRELUDE = '''\
import pytest


@pytest.fixture(scope="session")
def shared():
    return {"a": [1]}


'''


def as_test_module(generated: str) -> str | None:
    """The generated code twice: at module level, and as the body of a test given ``shared``."""
    body = textwrap.indent(generated, "    ") if generated.strip() else "    pass\n"
    source = f"{_PRELUDE}{generated}\n\n\ndef test_generated(shared):\n{body}\n    shared['a'].append(1)\n"
    try:
        compile(source, "test_generated.py", "exec")
    except (SyntaxError, ValueError):
        return None
    return source


class _Skips(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "skipped" in message and "RecursionError" not in message:
            self.errors.append(message)


@pytest.fixture(scope="module")
def generated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("generated")
    write(project, "pytest.ini", "[pytest]\n")
    return project


@settings(max_examples=int(os.environ.get("FXS_FUZZ_EXAMPLES", "30")), deadline=None,
          suppress_health_check=list(HealthCheck), database=None)
@given(generated=st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node()))
def test_generated_module_never_makes_the_plugin_fail(generated_project: Path, generated: str) -> None:
    source = as_test_module(generated)
    assume(source is not None)
    assert source is not None
    skips = _Skips()
    log = logging.getLogger("flake8.fixture_scope")
    log.addHandler(skips)
    previous_level = log.level
    log.setLevel(logging.INFO)
    try:
        path = generated_project / "test_generated.py"
        checker = FixtureScopeChecker(ast.parse(source), str(path), source.splitlines(keepends=True))
        found = list(checker.run())
    finally:
        log.removeHandler(skips)
        log.setLevel(previous_level)
    assert skips.errors == []
    assert all(isinstance(line, int) and message.startswith("FXS") for line, _col, message, _t in found)
