"""Static findings against run-time ones: which predictions the watch saw happen, and what it
saw that nothing predicted.

    flake8 --select FXS > static.txt
    pytest -p flake8_fixture_scope.watch --fxs-watch-json=watch.json
    python -m flake8_fixture_scope.watch confirm static.txt watch.json

A static finding is *observed* when a test the watch reported contains the finding's line (in
the test function, or in a function-scoped fixture of the project that the test used), in the
same file, with a compatible code. Exit status: 0 when both sides agree, 1 when a static
finding was not observed, 2 when the watch saw a change that no static finding predicted, 3
for both, 4 when the input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Iterable, NoReturn, TextIO

_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>FXS\d{3}) (?P<message>.*)$")
# Which run-time codes confirm which static code. The codes missing here describe what a run
# cannot show (a scope mismatch, a mutable or unclosed value, a broad fixture's own set-up).
COMPATIBLE: dict[str, frozenset[str]] = {
    "FXS001": frozenset({"FXS001", "FXS002", "FXS003"}),
    "FXS002": frozenset({"FXS001", "FXS002", "FXS003"}),
    "FXS003": frozenset({"FXS001", "FXS002", "FXS003"}),
    "FXS020": frozenset({"FXS020", "FXS021"}),
    "FXS023": frozenset({"FXS020", "FXS021"}),
    "FXS021": frozenset({"FXS021", "FXS020"}),
}
NOT_OBSERVED, UNPREDICTED, UNREADABLE = 1, 2, 4


@dataclass(frozen=True)
class Static:
    path: str  # absolute
    line: int
    code: str
    text: str


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(UNREADABLE, f"{self.prog}: error: {message}\n")


def read_static(lines: Iterable[str], base: str) -> list[Static]:
    found = []
    for raw in lines:
        match = _LINE.match(raw.rstrip("\n"))
        if match:
            path = os.path.realpath(os.path.join(base, match["path"]))
            found.append(Static(path, int(match["line"]), match["code"], raw.rstrip("\n")))
    return found


def _spans(finding: dict[str, Any]) -> list[tuple[str, int, int]]:
    spans = [(finding["path"], finding["line_start"], finding["line_end"])]
    spans += [(f["path"], f["line_start"], f["line_end"]) for f in finding.get("fixtures", ())]
    return spans


def _covers(static: Static, finding: dict[str, Any]) -> bool:
    return static.code in COMPATIBLE and finding["code"] in COMPATIBLE[static.code] and any(
        path == static.path and start <= static.line <= end for path, start, end in _spans(finding))


def _ran(static: Static, tests: list[dict[str, Any]]) -> bool:
    return any(t["path"] == static.path and t["line_start"] <= static.line <= t["line_end"] for t in tests)


def confirm(static: list[Static], report: dict[str, Any], out: TextIO) -> int:
    findings: list[dict[str, Any]] = report["findings"]
    # Without the list of watched tests (an older report) nothing can be said to have not run;
    # with it, a run that watched no test (its collection failed) ran none of the lines.
    tests: list[dict[str, Any]] | None = report.get("tests")
    status = 0
    counts = {"observed": 0, "not observed": 0, "not run": 0, "not checked": 0, "unpredicted": 0}
    for finding in static:
        witnesses = [f for f in findings if _covers(finding, f)]
        if finding.code not in COMPATIBLE:
            verdict, note = "not checked", "(not observable at run time)"
        elif witnesses:
            verdict = "observed"
            note = "(" + "; ".join(f"{w['nodeid']}: {w['thing']}" for w in witnesses[:3]) + ")"
        elif tests is not None and not _ran(finding, tests):
            verdict, note = "not run", "(no watched test contains this line)"
        else:
            verdict, note = "not observed", ""
            status |= NOT_OBSERVED
        counts[verdict] += 1
        out.write(f"{verdict:<13} {finding.text} {note}".rstrip() + "\n")
    for item in findings:
        if not any(_covers(s, item) for s in static):
            counts["unpredicted"] += 1
            status |= UNPREDICTED
            out.write(f"{'unpredicted':<13} {item['file']}:{item['line_start']}: {item['nodeid']}: "
                      f"{item['code']} {item['thing']} ({item['before']} -> {item['after']})\n")
    out.write(", ".join(f"{n} {what}" for what, n in counts.items()) + "\n")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m flake8_fixture_scope.watch",
                     description="Compare `flake8 --select FXS` output with a watch JSON report.")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("confirm", help="say which static findings a watched run confirmed")
    command.add_argument("flake8_output", help="file with the output of `flake8 --select FXS` ('-': stdin)")
    command.add_argument("watch_json", help="the file written by `--fxs-watch-json`")
    command.add_argument("--base", default=".",
                         help="folder flake8 ran in, its paths are relative to it (default: here)")
    options = parser.parse_args(argv)
    try:
        if options.flake8_output == "-":
            static = read_static(sys.stdin, options.base)
        else:
            with open(options.flake8_output, encoding="utf-8") as stream:
                static = read_static(stream, options.base)
        with open(options.watch_json, encoding="utf-8") as stream:
            report = json.load(stream)
        if not isinstance(report, dict) or not isinstance(report.get("findings"), list):
            raise ValueError("not a watch report")
    except (OSError, ValueError) as error:
        sys.stderr.write(f"cannot read the input: {error}\n")
        return UNREADABLE
    return confirm(static, report, sys.stdout)
