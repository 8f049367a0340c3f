"""What the watch tells: one line per polluting test and changed thing, and a JSON file for tools."""

from __future__ import annotations

import fnmatch
import inspect
import json
import os
import types
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from flake8_fixture_scope.watch_fingerprint import Counters
from flake8_fixture_scope.watch_render import Changed

FORMAT_VERSION = 1
PROCESS_WIDE = ("os.environ[", "os.getcwd()", "sys.", "logging.")


@dataclass(frozen=True)
class Finding:
    nodeid: str
    path: str  # absolute path of the test's file
    file: str  # the same, relative to the rootdir
    line_start: int
    line_end: int
    thing: str
    code: str
    before: str
    after: str
    fixture: str = ""
    scope: str = ""
    fixtures: tuple[dict[str, Any], ...] = field(default=())  # function-scoped fixtures the test ran

    def message(self) -> str:
        change = f"{self.before} -> {self.after}"
        if self.fixture:
            return (f"{self.code} test left '{self.thing}', the value of {self.scope}-scoped fixture "
                    f"'{self.fixture}', changed ({change}); later tests see the change")
        if self.code == "FXS021":
            return (f"{self.code} test left a patch of '{self.thing}' started; "
                    "the patch leaks into later tests")
        where = "process-wide" if self.thing.startswith(PROCESS_WIDE) else "module-level"
        return f"{self.code} test left {where} '{self.thing}' changed ({change}); later tests see the change"


def line_range(function: object) -> tuple[int, int]:
    """First line (the first decorator's) and last line of a function's code, or (0, 0)."""
    function = inspect.unwrap(function) if callable(function) else function
    function = getattr(function, "__func__", function)
    code = getattr(function, "__code__", None)
    if not isinstance(code, types.CodeType):
        return 0, 0
    last = code.co_firstlineno
    stack = [code]
    while stack:
        current = stack.pop()
        last = max([last, *(line for _, _, line in current.co_lines() if line is not None)])
        stack.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
    return code.co_firstlineno, last


def where(item: Any, rootdir: str) -> tuple[str, str, int, int]:
    path = os.path.realpath(str(getattr(item, "path", "") or ""))
    relative = os.path.relpath(path, rootdir) if path else ""
    start, end = line_range(getattr(item, "function", None))
    return path, relative, start, end


def function_fixtures(item: Any, rootdir: str) -> tuple[dict[str, Any], ...]:
    """The test's function-scoped fixtures defined in the project, with their line ranges."""
    info = getattr(item, "_fixtureinfo", None)
    found = []
    for name, definitions in getattr(info, "name2fixturedefs", {}).items():
        if not definitions or definitions[-1].scope != "function" or name == "request":
            continue
        func = getattr(definitions[-1], "func", None)
        code = getattr(inspect.unwrap(func), "__code__", None) if callable(func) else None
        if code is None or not os.path.realpath(code.co_filename).startswith(os.path.join(rootdir, "")):
            continue
        start, end = line_range(func)
        found.append({"name": name, "path": os.path.realpath(code.co_filename),
                      "line_start": start, "line_end": end})
    return tuple(found)


def findings_for(item: Any, rootdir: str, changes: Iterable[Changed], ignore: list[str]) -> list[Finding]:
    kept = [c for c in changes if not any(fnmatch.fnmatchcase(c.thing, p) for p in ignore)]
    if not kept:
        return []
    path, relative, start, end = where(item, rootdir)
    fixtures = function_fixtures(item, rootdir)
    unique: dict[tuple[str, str], Changed] = {}
    for change in kept:  # a started patch is seen twice: as a patch and as the patched attribute
        unique.setdefault((change.thing, change.code), change)
    return [Finding(item.nodeid, path, relative, start, end, c.thing, c.code, c.before, c.after,
                    c.fixture, c.scope, fixtures) for c in unique.values()]


def summary_lines(findings: list[Finding], watched: int, counters: Counters) -> list[str]:
    lines = [f"{f.nodeid}: {f.message()}" for f in findings]
    polluters = len({f.nodeid for f in findings})
    tail = (f"{watched} tests watched, {polluters} left state changed ({len(findings)} changes)")
    notes = [f"{n} {what}" for n, what in ((counters.unreadable, "objects unreadable"),
                                           (counters.truncated, "snapshots cut at the size bounds"),
                                           (counters.errors, "internal errors")) if n]
    return [*lines, tail + ("; " + ", ".join(notes) if notes else "")]


def write_json(path: str, findings: list[Finding], tests: list[dict[str, Any]], counters: Counters) -> None:
    document = {
        "version": FORMAT_VERSION,
        "findings": [{**asdict(f), "fixtures": list(f.fixtures)} for f in findings],
        "tests": tests,
        "counters": asdict(counters),
    }
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(document, stream, indent=1)
        stream.write("\n")
