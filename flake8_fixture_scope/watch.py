"""Run-time confirmation: a pytest plugin that reports each test leaving shared state changed.

Enable it with ``pytest -p flake8_fixture_scope.watch``. For every test it takes one snapshot
once the test's broad fixtures are set up (pytest sets up a test's fixtures broadest scope
first: the snapshot is taken when the first function-scoped fixture starts its set-up, or
when the test's call starts if there is none) and another once its function-scoped fixtures
are torn down, before any broad fixture whose scope ends with this test is finalized, and
reports what differs: the values of the broad fixtures the test received, process-wide state,
and the globals and class attributes of the project's modules. A broad fixture set up later,
by ``request.getfixturevalue``, pauses the watch for the duration of its set-up.
``python -m flake8_fixture_scope.watch confirm ...`` compares a run's JSON report with the
static findings of ``flake8 --select FXS``.

This module imports only pytest and the small ``watch_*`` modules: never astroid or flake8.
"""

from __future__ import annotations

import os
import sys
import types
from dataclasses import dataclass, field
from typing import Any, Callable, Generator, Iterator

import pytest

from flake8_fixture_scope.watch_fingerprint import Bounds, Counters, Fingerprinter, diff
from flake8_fixture_scope.watch_report import (
    Finding, findings_for, line_range, summary_lines, where, write_json,
)
from flake8_fixture_scope.watch_modules import Capture, ProjectModules, capture_modules, compare_modules
from flake8_fixture_scope.watch_process import capture_process, compare_process
from flake8_fixture_scope.watch_render import Changed, from_change

BROAD = ("class", "module", "package", "session")
# Hooks that run between the end of one test's watch and the start of the next one's.
_BETWEEN_TESTS = ("pytest_runtest_protocol", "pytest_runtest_logstart", "pytest_runtest_setup",
                  "pytest_runtest_makereport", "pytest_runtest_logreport", "pytest_runtest_teardown",
                  "pytest_runtest_logfinish")
# Fixtures meant to be changed by tests, or pytest's own machinery.
ALLOWED = frozenset({
    "doctest_namespace", "pytestconfig", "tmp_path_factory", "tmpdir_factory",
    "record_testsuite_property", "django_db_blocker", "unused_tcp_port_factory",
    "unused_udp_port_factory", "session_mocker", "package_mocker", "module_mocker", "class_mocker",
    "worker_id", "testrun_uid",
})


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fxs-watch", "flake8-fixture-scope watch (-p flake8_fixture_scope.watch)")
    group.addoption("--fxs-watch", choices=("report", "fail", "off"), default="report",
                    help="report: list polluting tests at the end (default); fail: also make each "
                         "polluting test error in its teardown; off: watch nothing")
    group.addoption("--fxs-watch-json", metavar="PATH", default=None,
                    help="write the findings as JSON to PATH, for "
                         "`python -m flake8_fixture_scope.watch confirm`")
    group.addoption("--fxs-watch-depth", type=int, default=4, metavar="N",
                    help="how deep values are looked into (default 4)")
    group.addoption("--fxs-watch-elements", type=int, default=200, metavar="N",
                    help="elements of one container looked at (default 200)")
    group.addoption("--fxs-watch-nodes", type=int, default=2000, metavar="N",
                    help="objects looked at per snapshot (default 2000)")
    group.addoption("--fxs-watch-caches", action="store_true", default=False,
                    help="also watch globals and attributes whose name says 'cache'")
    group.addoption("--fxs-watch-ignore", action="append", default=[], metavar="PATTERN",
                    help="ignore changed things matching this shell pattern, such as "
                         "'myapp._cache*' (repeatable)")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("fxs_watch") != "off":
        config.pluginmanager.register(Watcher(config), "fxs-watcher")


@dataclass
class _Fixture:
    name: str
    scope: str
    definition: Any
    value: Any


@dataclass
class _Test:
    """The watch over one test: the current baseline and the changes found so far."""

    item: Any
    fixtures: list[_Fixture] = field(default_factory=list)
    started: bool = False
    before: dict[str, Any] = field(default_factory=dict)
    changes: list[Changed] = field(default_factory=list)
    depth: int = 0
    finished: bool = False
    findings: list[Finding] = field(default_factory=list)


def _lives_as_the_test(item: Any, definition: Any) -> bool:
    scope = definition.scope
    # A class fixture used outside a class is made anew for the test, and torn down with it.
    return scope not in BROAD or (scope == "class" and getattr(item, "cls", None) is None)


def _broad_fixtures(item: Any) -> list[_Fixture]:
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    found = []
    for name, chain in definitions.items():
        if not chain or name in ALLOWED or _lives_as_the_test(item, chain[-1]):
            continue
        cached = getattr(chain[-1], "cached_result", None)
        if cached is not None and cached[2] is None:
            found.append(_Fixture(name, chain[-1].scope, chain[-1], cached[0]))
    return found


def _alive(fixture: _Fixture) -> bool:
    cached = getattr(fixture.definition, "cached_result", None)
    return cached is not None and cached[0] is fixture.value


class Watcher:
    """The plugin object registered for one pytest run."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.fail = config.getoption("fxs_watch") == "fail"
        self.json_path: str | None = config.getoption("fxs_watch_json")
        worker = getattr(config, "workerinput", {}).get("workerid")
        if self.json_path and worker:  # pytest-xdist: one report per worker
            self.json_path = f"{self.json_path}.{worker}"
        self.ignore: list[str] = config.getoption("fxs_watch_ignore")
        self.caches: bool = config.getoption("fxs_watch_caches")
        self.bounds = Bounds(config.getoption("fxs_watch_depth"), config.getoption("fxs_watch_elements"),
                             config.getoption("fxs_watch_nodes"))
        self.counters = Counters()
        self.rootdir = os.path.realpath(str(config.rootpath))
        self.project = ProjectModules(self.rootdir, list(config.getini("python_files")), self.caches)
        self.current: _Test | None = None
        self._last: tuple[object, dict[str, Any]] | None = None
        self._dirty = True
        self._reuse: bool | None = None
        self.findings: list[Finding] = []
        self.watched: list[Any] = []

    def _guard(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception:  # never let a snapshot break the run
            self.counters.errors += 1

    # --- snapshots ---------------------------------------------------------------------

    def _is_project(self, tp: type) -> bool:
        return getattr(tp, "__module__", None) in self.project.names

    def _snapshot(self, test: _Test, reuse: bool = False) -> dict[str, Any]:
        """Fixture values first, then the test's own module: what the node budget keeps best.

        With ``reuse``, the modules' part of the previous test's last snapshot stands for this
        one when nothing ran in between that pytest tells about (no fixture set up or
        finalized) and the test has the same module and broad fixture values.
        """
        fingerprint = Fingerprinter(self.bounds, self.counters, self._is_project, self.caches)
        plans = self.project.plans()
        snapshot: dict[str, Any] = {}
        alive = [fixture for fixture in test.fixtures if _alive(fixture)]
        for fixture in alive:
            snapshot["fixture:" + fixture.name] = fingerprint.of(fixture.value)
        snapshot["process"] = capture_process()
        own = getattr(getattr(test.item, "module", None), "__name__", None)
        own_class = getattr(test.item, "cls", None)
        key = (own, own_class, len(sys.modules), tuple(id(fixture.value) for fixture in alive))
        if reuse and not self._dirty and self._last is not None and self._last[0] == key \
                and self._reuse_allowed():
            snapshot.update(self._last[1])
            self.counters.truncated += fingerprint.cut
            return snapshot
        fingerprint.foreign_objects = False
        modules = {"modules": capture_modules(sorted(plans, key=lambda plan: plan.name != own),
                                              fingerprint, own, own_class)}
        snapshot.update(modules)
        self._last, self._dirty = (key, modules), False
        self.counters.truncated += fingerprint.cut
        return snapshot

    def _compare(self, test: _Test, after: dict[str, Any]) -> Iterator[Changed]:
        before = test.before
        scopes = {f.name: f.scope for f in test.fixtures}
        for key, old in before.items():
            new = after.get(key)
            if new is None:
                continue
            kind, _, name = key.partition(":")
            if kind == "fixture":
                for change in diff(old, new):
                    yield from_change(name, change, None, name, scopes[name])
            elif kind == "process":
                yield from compare_process(old, new)
            elif isinstance(old, Capture) and isinstance(new, Capture):
                changed = compare_modules(old, new, self.caches)
                if changed:  # what is data among the globals may have changed too
                    for plan in self.project.plans():
                        self.project.refresh(plan)
                yield from changed

    def _reuse_allowed(self) -> bool:
        """No reuse when the project's own hooks (a conftest's) run between two tests' windows."""
        if self._reuse is None:
            implementations = [impl for name in _BETWEEN_TESTS
                               for impl in getattr(self.config.hook, name).get_hookimpls()]
            self._reuse = not any(self._in_project(impl.plugin) for impl in implementations)
        return self._reuse

    def _in_project(self, plugin: object) -> bool:
        module = plugin if isinstance(plugin, types.ModuleType) else sys.modules.get(type(plugin).__module__)
        path = getattr(module, "__file__", None)
        return isinstance(path, str) and os.path.realpath(path).startswith(os.path.join(self.rootdir, ""))

    def _start(self, test: _Test) -> None:
        test.started = True
        test.fixtures = _broad_fixtures(test.item)
        test.before = self._snapshot(test, reuse=True)
        self.watched.append(test.item)

    def _pause(self, test: _Test) -> None:
        test.changes.extend(self._compare(test, self._snapshot(test)))
        test.before = {}
        self._dirty = True

    def _resume(self, test: _Test, definition: Any) -> None:
        cached = getattr(definition, "cached_result", None)
        if cached is not None and cached[2] is None and definition.argname not in ALLOWED:
            test.fixtures.append(_Fixture(definition.argname, definition.scope, definition, cached[0]))
        test.before = self._snapshot(test)

    def _finish(self, test: _Test) -> None:
        if test.finished:
            return
        test.finished = True
        if test.before:
            test.changes.extend(self._compare(test, self._snapshot(test)))
        test.findings = findings_for(test.item, self.rootdir, test.changes, self.ignore)
        self.findings.extend(test.findings)

    def _arm_boundary(self, test: _Test, nextitem: Any) -> None:
        """Finish the watch right before the first broad node this teardown pops finalizes."""
        state = test.item.session._setupstate
        needed = nextitem.listchain() if nextitem is not None else []
        nodes = list(state.stack)
        popped = []
        while nodes and nodes != needed[: len(nodes)]:
            popped.append(nodes.pop())
        if len(popped) > 1 and popped[0] is test.item:
            state.addfinalizer(lambda: self._guard(lambda: self._finish(test)), popped[1])

    # --- hooks -------------------------------------------------------------------------

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, object, object]:
        self.current = _Test(item)
        try:
            return (yield)
        except BaseException:
            self.current = None  # the test will not run: nothing to watch
            raise

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Generator[None, object, object]:
        test = self.current
        if test is not None and test.item is item and not test.started:
            self._guard(lambda: self._start(test))
        return (yield)

    def _outside_a_test(self) -> bool:
        test = self.current
        return test is None or not test.started or test.finished

    def pytest_fixture_post_finalizer(self, fixturedef: Any, request: Any) -> None:
        if self._outside_a_test():
            self._dirty = True

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_fixture_setup(self, fixturedef: Any, request: Any) -> Generator[None, object, object]:
        test = self.current
        if self._outside_a_test() and (test is None or not _lives_as_the_test(test.item, fixturedef)):
            self._dirty = True  # the set-up of a broad fixture, between two tests' windows
        if test is None or test.finished:
            return (yield)
        if _lives_as_the_test(test.item, fixturedef):
            if not test.started:  # the broad fixtures, set up first, are all in place
                self._guard(lambda: self._start(test))
            return (yield)
        if not test.started:
            return (yield)
        test.depth += 1
        if test.depth == 1:
            self._guard(lambda: self._pause(test))
        try:
            return (yield)
        finally:
            test.depth -= 1
            if test.depth == 0:
                self._guard(lambda: self._resume(test, fixturedef))

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item, nextitem: pytest.Item | None
                                ) -> Generator[None, object, object]:
        test = self.current
        if test is None or test.item is not item or not test.started:
            test = None
        if test is not None:
            self._guard(lambda: self._arm_boundary(test, nextitem))
        try:
            result = yield
        finally:
            if test is not None:
                self._guard(lambda: self._finish(test))
                self.current = None
        if test is not None and self.fail and test.findings:
            lines = "\n".join(f"  {f.message()}" for f in test.findings)
            pytest.fail(f"fxs-watch: this test left shared state changed:\n{lines}", pytrace=False)
        return result

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.json_path:
            self._guard(self._write_json)

    def _write_json(self) -> None:
        assert self.json_path is not None
        tests = []
        for item in self.watched:
            path, relative, start, end = where(item, self.rootdir)
            tests.append({"nodeid": item.nodeid, "path": path, "file": relative,
                          "line_start": start, "line_end": end})
        write_json(self.json_path, self.findings, tests, self.counters)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        self._guard(lambda: self._summary(terminalreporter))

    def _summary(self, terminalreporter: Any) -> None:
        terminalreporter.section("fixture-scope watch")
        for line in summary_lines(self.findings, len(self.watched), self.counters):
            terminalreporter.line(line)
        if self.json_path:
            terminalreporter.line(f"JSON report: {self.json_path}")


__all__ = ["Watcher", "line_range", "pytest_addoption", "pytest_configure"]

if __name__ == "__main__":
    from flake8_fixture_scope.watch_confirm import main

    sys.exit(main(sys.argv[1:]))
