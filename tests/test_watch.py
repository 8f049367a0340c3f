"""The watch mode (``pytest -p flake8_fixture_scope.watch``) on small planted suites run by pytester.

Each planted suite has one leak of each kind and look-alikes that leave nothing behind; every
test asserts the exact polluters and the things named, in collection order and reversed.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

import flake8_fixture_scope
from flake8_fixture_scope.watch_confirm import Static, confirm, read_static
from flake8_fixture_scope.watch_fingerprint import Bounds, Counters, Fingerprinter, diff

pytest_plugins = ["pytester"]

REPOSITORY = Path(flake8_fixture_scope.__file__).resolve().parent.parent

MYAPP = """
DEBUG = False
REGISTRY = {}


class Config:
    retries = 3


def fetch():
    return "real"
"""

CONFTEST = """
import os

import pytest


@pytest.fixture(scope="session")
def db_conn():
    return {"users": ["alice", "bob"], "settings": {"debug": False}}


class Client:
    def __init__(self):
        self.token = None
        self.closed = False


@pytest.fixture(scope="module")
def client():
    made = Client()
    yield made
    made.closed = True
    os.environ["CLIENT_CLOSED"] = "1"  # a module fixture's teardown, at the end of the module


@pytest.fixture(scope="session")
def env_setup():
    os.environ["FROM_SESSION_FIXTURE"] = "1"  # a broad fixture's own set-up
    return "ok"


@pytest.fixture(scope="class")
def basket():
    return []


@pytest.fixture
def restored_registry():
    import myapp
    myapp.REGISTRY["temp"] = 1
    yield
    del myapp.REGISTRY["temp"]


@pytest.fixture
def leaky_registry():
    import myapp
    myapp.REGISTRY["leak"] = 1


@pytest.fixture
def users_copy(db_conn):
    return list(db_conn["users"])
"""

TEST_LEAKS = """
import os
from unittest import mock

import myapp


def test_append_session(db_conn):
    db_conn["users"].append("carol")


def test_module_attr(client):
    client.token = "secret"


def test_environ():
    os.environ["API_URL"] = "http://test"


def test_chdir(tmp_path):
    os.chdir(tmp_path)


def test_global():
    myapp.DEBUG = True


def test_class_attr():
    myapp.Config.retries = 0


def test_patch_left_started():
    mock.patch.object(myapp, "fetch", return_value="fake").start()


def test_uses_leaky_fixture(leaky_registry):
    pass


def test_fills_function_lifetime_basket(basket):
    basket.append(1)  # a class fixture outside a class lives as long as the test


class TestBasket:
    def test_fill(self, basket):
        basket.append("apple")

    def test_look(self, basket):
        assert isinstance(basket, list)
"""

TEST_QUIET = """
import os

import myapp


def test_monkeypatch(monkeypatch, db_conn, client):
    monkeypatch.setitem(db_conn["settings"], "debug", True)
    monkeypatch.setattr(client, "token", "temporary")
    monkeypatch.setenv("API_URL", "http://monkeypatched")
    monkeypatch.setattr(myapp, "DEBUG", True)
    monkeypatch.chdir("/")


def test_finally(db_conn):
    db_conn["settings"]["debug"] = True
    try:
        assert db_conn["settings"]["debug"]
    finally:
        db_conn["settings"]["debug"] = False


def test_copy(users_copy):
    users_copy.append("dave")


def test_function_fixture_restores(restored_registry):
    import myapp
    assert myapp.REGISTRY["temp"] == 1


def test_broad_setup(env_setup, client):
    assert os.environ["FROM_SESSION_FIXTURE"] == "1"


def test_reads(db_conn, client):
    assert "alice" in db_conn["users"]
"""

TEST_UNIT = """
import unittest

STATE = {"runs": 0}


def test_module_global():
    STATE["runs"] += 1


class TestCounter(unittest.TestCase):
    calls = 0

    def test_bumps(self):
        type(self).calls += 1

    def test_reads(self):
        self.assertGreaterEqual(self.calls, 0)
"""

REVERSE = """
def pytest_collection_modifyitems(items):
    items.reverse()
"""

EXPECTED = {
    ("test_leaks.py::test_append_session", 'db_conn["users"]', "FXS002"),
    ("test_leaks.py::test_module_attr", "client.token", "FXS003"),
    ("test_leaks.py::test_environ", 'os.environ["API_URL"]', "FXS020"),
    ("test_leaks.py::test_chdir", "os.getcwd()", "FXS020"),
    ("test_leaks.py::test_global", "myapp.DEBUG", "FXS020"),
    ("test_leaks.py::test_class_attr", "myapp.Config.retries", "FXS020"),
    ("test_leaks.py::test_patch_left_started", "myapp.fetch", "FXS021"),
    ("test_leaks.py::test_uses_leaky_fixture", 'myapp.REGISTRY["leak"]', "FXS020"),
    ("test_leaks.py::TestBasket::test_fill", "basket", "FXS002"),
    ("test_unit.py::test_module_global", 'test_unit.STATE["runs"]', "FXS020"),
    ("test_unit.py::TestCounter::test_bumps", "test_unit.TestCounter.calls", "FXS020"),
}
TESTS = 20


@pytest.fixture
def isolated() -> Any:
    """The planted suites run in this process: undo what their leaks leave here."""
    environ, argv, streams = dict(os.environ), list(sys.argv), (sys.stdin, sys.stdout, sys.stderr)
    root, named_logger = logging.getLogger(), logging.getLogger("myapp")
    handlers, levels = list(root.handlers), (root.level, named_logger.level)
    # Installed plugins stay out of the planted runs: quicker (pytester re-imports them each
    # time), and the same wherever the tests run.
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    yield
    mock.patch.stopall()
    os.environ.clear()
    os.environ.update(environ)
    sys.argv[:] = argv
    sys.stdin, sys.stdout, sys.stderr = streams
    root.handlers[:] = handlers
    root.setLevel(levels[0])
    named_logger.setLevel(levels[1])


@pytest.fixture
def suite(pytester: pytest.Pytester, isolated: None) -> pytest.Pytester:
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(myapp=MYAPP, conftest=CONFTEST, test_leaks=TEST_LEAKS,
                        test_quiet=TEST_QUIET, test_unit=TEST_UNIT, reverse_order=REVERSE)
    pytester.syspathinsert()
    return pytester


def run(pytester: pytest.Pytester, *args: str, watch: bool = True) -> tuple[pytest.RunResult, dict[str, Any]]:
    report = pytester.path / "watch.json"
    options = ["-p", "flake8_fixture_scope.watch", f"--fxs-watch-json={report}"] if watch else []
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:randomly", *options, *args)
    document = json.loads(report.read_text()) if report.exists() else {}
    return result, document


def named(document: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(f["nodeid"], f["thing"], f["code"]) for f in document["findings"]}


@pytest.mark.parametrize("order", [[], ["-p", "reverse_order"]], ids=["collected", "reversed"])
def test_each_planted_leak_is_named_and_nothing_else(suite: pytest.Pytester, order: list[str]) -> None:
    result, document = run(suite, *order)
    result.assert_outcomes(passed=TESTS)
    assert named(document) == EXPECTED
    assert document["counters"]["errors"] == 0
    assert len(document["tests"]) == TESTS
    if order:
        first = [line.split()[0] for line in result.outlines if line.startswith("test_")]
        assert first[:3] == ["test_unit.py", "test_quiet.py", "test_leaks.py"]


def test_terminal_report_lines(suite: pytest.Pytester) -> None:
    result, _ = run(suite)
    lines = result.outlines
    section = next(i for i, line in enumerate(lines) if "= fixture-scope watch =" in line)
    assert lines[section + 1] == (
        "test_leaks.py::test_append_session: FXS002 test left 'db_conn[\"users\"]', the value of "
        "session-scoped fixture 'db_conn', changed (['alice', 'bob'] -> ['alice', 'bob', 'carol']); "
        "later tests see the change")
    assert ("test_leaks.py::test_environ: FXS020 test left process-wide 'os.environ[\"API_URL\"]' "
            "changed (<unset> -> 'http://test'); later tests see the change") in lines
    assert ("test_leaks.py::test_patch_left_started: FXS021 test left a patch of 'myapp.fetch' started; "
            "the patch leaks into later tests") in lines
    assert f"{TESTS} tests watched, {len(EXPECTED)} left state changed ({len(EXPECTED)} changes)" in lines


def test_json_gives_the_test_function_lines(suite: pytest.Pytester) -> None:
    _, document = run(suite)
    finding = next(f for f in document["findings"] if f["nodeid"] == "test_leaks.py::test_environ")
    lines = (suite.path / "test_leaks.py").read_text().splitlines()
    assert lines[finding["line_start"] - 1].startswith("def test_environ")
    assert lines[finding["line_end"] - 1].strip() == 'os.environ["API_URL"] = "http://test"'
    assert finding["path"] == str((suite.path / "test_leaks.py").resolve())
    assert (finding["file"], finding["before"], finding["after"]) == (
        "test_leaks.py", "<unset>", "'http://test'")
    fixture = next(f for f in document["findings"] if f["nodeid"].endswith("test_uses_leaky_fixture"))
    assert [f["name"] for f in fixture["fixtures"]] == ["leaky_registry"]


def test_fail_mode_errors_in_the_polluters_teardown(suite: pytest.Pytester) -> None:
    result, _ = run(suite, "--fxs-watch=fail")
    result.assert_outcomes(passed=TESTS, errors=len(EXPECTED))
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_environ*", "*fxs-watch: this test left*"])
    assert "ERROR at teardown of test_copy" not in result.stdout.str()


@pytest.mark.parametrize("args", [[], ["--fxs-watch=off"]], ids=["no-plugin", "off"])
def test_nothing_is_reported_when_off(suite: pytest.Pytester, args: list[str]) -> None:
    if args:
        result, document = run(suite, *args)
    else:
        result, document = run(suite, watch=False)
    result.assert_outcomes(passed=TESTS)
    assert "fixture-scope watch" not in result.stdout.str()
    assert document == {}


PROCESS = """
import io
import logging
import sys
import types


def test_sys_path():
    sys.path.insert(0, "/nowhere")


def test_argv():
    sys.argv.append("--flag")


def test_logger_level():
    logging.getLogger("myapp").setLevel(logging.DEBUG)


def test_root_handler():
    logging.getLogger().addHandler(logging.NullHandler())


def test_fake_module():
    sys.modules["fake_service"] = types.ModuleType("fake_service")


def test_stdout():
    sys.stdout = io.StringIO()


def test_quiet_caplog(caplog):
    caplog.set_level(logging.DEBUG, logger="myapp")
    logging.getLogger("brand.new.logger").info("a logger made here, left as made")


def test_quiet_import():
    import colorsys
    assert colorsys
"""


def test_process_wide_state(pytester: pytest.Pytester, isolated: None) -> None:
    pytester.makepyfile(test_process=PROCESS)
    result, document = run(pytester, "-s")
    result.assert_outcomes(passed=8)
    assert named(document) == {
        ("test_process.py::test_sys_path", "sys.path", "FXS020"),
        ("test_process.py::test_argv", "sys.argv", "FXS020"),
        ("test_process.py::test_logger_level", 'logging.getLogger("myapp").level', "FXS020"),
        ("test_process.py::test_root_handler", "logging.getLogger().handlers", "FXS020"),
        ("test_process.py::test_fake_module", 'sys.modules["fake_service"]', "FXS020"),
        ("test_process.py::test_stdout", "sys.stdout", "FXS020"),
    }


LAZY = """
import os

import pytest


@pytest.fixture(scope="session")
def lazy_env():
    os.environ["LAZY"] = "1"
    return {"n": 0}


def test_lazy(request):
    os.environ["BEFORE_LAZY"] = "1"
    value = request.getfixturevalue("lazy_env")
    value["n"] = 1
    os.environ["AFTER_LAZY"] = "1"


def test_later(lazy_env):
    pass
"""


def test_broad_fixture_set_up_during_the_test_is_not_blamed(pytester: pytest.Pytester,
                                                            isolated: None) -> None:
    pytester.makepyfile(test_lazy=LAZY)
    result, document = run(pytester)
    result.assert_outcomes(passed=2)
    assert named(document) == {
        ("test_lazy.py::test_lazy", 'os.environ["BEFORE_LAZY"]', "FXS020"),
        ("test_lazy.py::test_lazy", 'lazy_env["n"]', "FXS001"),
        ("test_lazy.py::test_lazy", 'os.environ["AFTER_LAZY"]', "FXS020"),
    }


HOOKED = """
import myapp


def pytest_runtest_setup(item):
    myapp.REGISTRY["runs"] = myapp.REGISTRY.get("runs", 0) + 1  # before each test's fixtures
"""


def test_a_conftest_hook_between_tests_is_not_blamed(pytester: pytest.Pytester, isolated: None) -> None:
    pytester.makepyfile(myapp=MYAPP, conftest=HOOKED, test_hooked="def test_one():\n    pass\n\n"
                        "def test_two():\n    pass\n\ndef test_three():\n    pass\n")
    pytester.syspathinsert()
    result, document = run(pytester)
    result.assert_outcomes(passed=3)
    assert named(document) == set()


CACHED = """
import os

_lookup_cache = {}
LAZY = None


def test_fills_the_cache():
    _lookup_cache["a"] = 1


def test_sets_lazily():
    global LAZY
    LAZY = {"ready": True}


def test_sets_environ():
    os.environ["IGNORED_HERE"] = "1"
"""


@pytest.mark.parametrize("args, expected", [
    ([], {"test_cached.LAZY", 'os.environ["IGNORED_HERE"]'}),
    (["--fxs-watch-caches", "--fxs-watch-ignore=os.environ*"],
     {"test_cached.LAZY", 'test_cached._lookup_cache["a"]'}),
], ids=["default", "caches-and-ignore"])
def test_caches_and_ignored_things(pytester: pytest.Pytester, isolated: None, args: list[str],
                                   expected: set[str]) -> None:
    pytester.makepyfile(test_cached=CACHED)
    result, document = run(pytester, *args)
    result.assert_outcomes(passed=3)
    assert {thing for _, thing, _ in named(document)} == expected


STRANGE = """
import pytest


class Unreadable:
    __slots__ = ()

    def __getattribute__(self, name):
        raise RuntimeError("no")


@pytest.fixture(scope="session")
def strange():
    ring = {"name": "ring"}
    ring["self"] = ring
    deep = {"a": {"b": {"c": {"d": {"e": 1}}}}}
    return {"ring": ring, "deep": deep, "big": list(range(1000)), "odd": Unreadable(),
            "shared": [ring, ring]}


def test_touches_the_far_end(strange):
    strange["deep"]["a"]["b"]["c"]["d"]["e"] = 2  # past the depth bound: not seen
    strange["big"][900] = -1  # past the element bound: not seen


def test_changes_the_cycle(strange):
    strange["ring"]["name"] = "changed"


def test_grows_the_big_list(strange):
    strange["big"].append(1000)
"""


def test_bounds_cycles_and_unreadable_objects(pytester: pytest.Pytester, isolated: None) -> None:
    pytester.makepyfile(test_strange=STRANGE)
    result, document = run(pytester)
    result.assert_outcomes(passed=3)
    assert named(document) == {
        ("test_strange.py::test_changes_the_cycle", 'strange["ring"]["name"]', "FXS001"),
        ("test_strange.py::test_grows_the_big_list", 'strange["big"]', "FXS002"),
    }
    assert document["counters"]["truncated"] > 0


def test_smaller_bounds_see_less(pytester: pytest.Pytester, isolated: None) -> None:
    pytester.makepyfile(test_strange=STRANGE)
    _, document = run(pytester, "--fxs-watch-depth=1")
    assert named(document) == set()


# --- fingerprints and differences ----------------------------------------------------------

def fingerprint(value: object, **bounds: int) -> Any:
    return Fingerprinter(Bounds(**bounds), Counters(), lambda tp: True).of(value)


class Point:
    def __init__(self) -> None:
        self.x = 1
        self.tags = ["a"]


def test_diff_paths_name_items_and_attributes() -> None:
    point = Point()
    users = ["alice"]
    value: dict[object, object] = {"users": users, "point": point, 3: "three"}
    before = fingerprint(value)
    users[0] = "bob"
    point.x = 2
    point.tags.append("b")
    del value[3]
    changes = {(c.path, c.kind) for c in diff(before, fingerprint(value))}
    assert changes == {('["users"][0]', "item"), ('["point"].x', "attr"), ('["point"].tags', "size"),
                       ("[3]", "item")}


def test_cycles_and_shared_objects_are_described_once() -> None:
    ring: dict[str, Any] = {}
    ring["me"] = ring
    pair = [ring, ring]
    fp = fingerprint(pair)
    assert fp[4][1] == ("R", id(ring))
    assert diff(fp, fingerprint(pair)) == []


def test_identity_of_what_is_not_looked_into() -> None:
    holder: dict[str, object] = {"f": len}
    before = fingerprint(holder)
    holder["f"] = abs
    assert [c.path for c in diff(before, fingerprint(holder))] == ['["f"]']


# --- the plugin stays light --------------------------------------------------------------

def test_plugin_imports_neither_astroid_nor_flake8() -> None:
    code = ("import sys, flake8_fixture_scope.watch; "
            "print(sorted(m for m in ('astroid', 'flake8') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPOSITORY, env={**os.environ, "PYTHONPATH": str(REPOSITORY)})
    assert out.stdout.strip() == "[]"


# --- confirmation of static findings -----------------------------------------------------

def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def static_output(root: Path) -> list[str]:
    def at(name: str, text: str) -> str:
        return f"./{name}:{line_of(root / name, text)}:5:"

    return [
        at("test_leaks.py", '.append("carol")') + " FXS002 .append() mutates 'db_conn[\"users\"]'",
        at("test_leaks.py", 'os.environ["API_URL"] =') + " FXS020 item assignment changes 'os.environ'",
        at("test_quiet.py", '["debug"] = True') + " FXS001 item assignment mutates 'db_conn[\"settings\"]'",
        at("conftest.py", "return {") + " FXS011 session-scoped fixture 'db_conn' hands out a mutable dict",
        "./test_nowhere.py:3:5: FXS020 item assignment changes module-level 'os.environ[\"X\"]'",
    ]


def test_confirm_sorts_static_findings(suite: pytest.Pytester, capsys: pytest.CaptureFixture[str]) -> None:
    _, document = run(suite)
    static = read_static(static_output(suite.path), str(suite.path))
    status = confirm(static, document, sys.stdout)
    lines = capsys.readouterr().out.splitlines()
    verdicts = {line.split("./", 1)[1].split(":")[0]: line.split("  ")[0] for line in lines if "./" in line}
    assert len(verdicts) == 4  # test_leaks.py twice
    assert [line.split("  ")[0] for line in lines if "./test_leaks.py" in line] == ["observed", "observed"]
    assert verdicts == {"test_leaks.py": "observed", "test_quiet.py": "not observed",
                        "conftest.py": "not checked", "test_nowhere.py": "not run"}
    unpredicted = [line for line in lines if line.startswith("unpredicted")]
    assert len(unpredicted) == len(EXPECTED) - 2
    assert any("test_leaks.py::test_chdir: FXS020 os.getcwd()" in line for line in unpredicted)
    assert status == 3
    assert lines[-1] == "2 observed, 1 not observed, 1 not run, 1 not checked, 9 unpredicted"


def test_confirm_command_exit_status(tmp_path: Path) -> None:
    source = tmp_path / "test_x.py"
    source.write_text("def test_x(cfg):\n    cfg['a'] = 1\n\n\ndef test_y(cfg):\n    cfg['b'] = 1\n")
    test_x = {"nodeid": "test_x.py::test_x", "path": str(source.resolve()), "file": "test_x.py",
              "line_start": 1, "line_end": 2}
    test_y = {**test_x, "nodeid": "test_x.py::test_y", "line_start": 5, "line_end": 6}
    finding = {**test_x, "thing": 'cfg["a"]', "code": "FXS001", "before": "<absent>",
               "after": "1", "fixture": "cfg", "scope": "session", "fixtures": []}
    report = tmp_path / "watch.json"
    report.write_text(json.dumps({"version": 1, "findings": [finding], "tests": [test_x, test_y],
                                  "counters": {}}))
    static = tmp_path / "static.txt"

    def confirm_command(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "flake8_fixture_scope.watch", "confirm", *extra],
                              capture_output=True, text=True, cwd=tmp_path,
                              env={**os.environ, "PYTHONPATH": str(REPOSITORY)})

    static.write_text("test_x.py:2:5: FXS001 item assignment mutates 'cfg'\n")
    agreed = confirm_command(str(static), str(report))
    assert (agreed.returncode, agreed.stdout.splitlines()[0].split()[0]) == (0, "observed")
    static.write_text("")
    assert confirm_command(str(static), str(report)).returncode == 2
    static.write_text("test_x.py:2:5: FXS001 x\ntest_x.py:6:5: FXS002 y\n")
    assert confirm_command(str(static), str(report)).returncode == 1
    assert confirm_command(str(static), str(tmp_path / "missing.json")).returncode == 4
    assert confirm_command().returncode == 4


def test_confirm_when_no_test_ran(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A run whose collection failed watched no test: its static findings did not run."""
    static = [Static(str(tmp_path / "test_x.py"), 2, "FXS020", "test_x.py:2:5: FXS020 x")]
    assert confirm(static, {"findings": [], "tests": []}, sys.stdout) == 0
    assert capsys.readouterr().out.splitlines()[0].split("  ")[0] == "not run"
    # An older report without the list of watched tests: nothing is known to have not run.
    assert confirm(static, {"findings": []}, sys.stdout) == 1
    assert capsys.readouterr().out.splitlines()[0].split("  ")[0] == "not observed"


def test_watch_in_a_fresh_process(tmp_path: Path) -> None:
    (tmp_path / "test_one.py").write_text(textwrap.dedent("""
        import os
        def test_one():
            os.environ["ONLY"] = "1"
    """))
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
                          "flake8_fixture_scope.watch", "-p", "no:randomly", str(tmp_path)],
                         capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(REPOSITORY),
                              "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert "test_one.py::test_one: FXS020 test left process-wide 'os.environ[\"ONLY\"]'" in out.stdout
