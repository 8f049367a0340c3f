"""An editor's language server runs flake8 in one process: edits to conftests and plugin
modules must show the next time, without a restart."""

from __future__ import annotations

import ast
import gc
import importlib.metadata
import os
from pathlib import Path

import pytest

from flake8_fixture_scope.plugin import FixtureScopeChecker
from flake8_runner import run_flake8_in_process

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


SESSION_CONFTEST = (
    'import pytest\n\n\n@pytest.fixture(scope="session")\ndef registry():\n    return {"users": []}\n'
)
TESTS_PER_BUFFER = 15


def edited_buffer(number: int) -> str:
    """One of two test modules as an editor hands it over after its ``number``-th change."""
    if number % 2 == 0:
        tests = [f'def test_a{t}(registry):\n    registry["users"].append({number})\n'
                 f'    os.environ["FXS_{number}_{t}"] = "1"\n' for t in range(TESTS_PER_BUFFER)]
    else:
        tests = [f'def test_b{t}(registry):\n    registry["k{number}"] = {t}\n'
                 f'    sys.path.insert(0, "/x{number}")\n' for t in range(TESTS_PER_BUFFER)]
    return "import os\nimport sys\n\n\n" + "\n\n".join(tests)


def resident_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads Linux's /proc")
def test_memory_stays_flat_over_many_editor_lints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor's language server lints the edited buffer after every change, in one process for
    hours: after a warm-up, 150 lints of two buffers that change every time keep memory flat."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "conftest.py").write_text(SESSION_CONFTEST)
    monkeypatch.chdir(tmp_path)

    def lint_buffer(number: int) -> list[str]:
        name = ("tests/test_a.py", "tests/test_b.py")[number % 2]
        report = run_flake8_in_process(tmp_path, ["--select", "FXS", f"--stdin-display-name={name}", "-"],
                                       stdin=edited_buffer(number).encode())
        return sorted(line.split(": ")[1].split()[0] for line in report.splitlines())

    def expected(number: int) -> list[str]:
        return sorted(["FXS002" if number % 2 == 0 else "FXS001", "FXS020"] * TESTS_PER_BUFFER)

    for number in range(30):  # warm-up: imports, astroid's builtins, the conftest's tree
        assert lint_buffer(number) == expected(number)
    gc.collect()
    nodes_before, resident_before = astroid_nodes_alive(), resident_mib()
    for number in range(30, 180):
        assert lint_buffer(number) == expected(number)
    gc.collect()
    nodes_after, resident_after = astroid_nodes_alive(), resident_mib()
    measured = (nodes_before, nodes_after, resident_before, resident_after)
    # One kept tree of a checked buffer is about 600 nodes; 150 of them would be 90,000.
    assert nodes_after - nodes_before < 500, measured
    if not other_flake8_plugins():  # the process's memory is theirs too (flake8-bugbear's grows)
        assert resident_after - resident_before < 8, measured


def astroid_nodes_alive() -> int:
    from astroid.nodes import NodeNG

    return sum(1 for item in gc.get_objects() if isinstance(item, NodeNG))


def other_flake8_plugins() -> list[str]:
    ours_and_flake8s = ("flake8_fixture_scope", "flake8.", "mccabe")
    return [entry.value for entry in importlib.metadata.entry_points(group="flake8.extension")
            if not entry.value.startswith(ours_and_flake8s)]
