"""Lint a corpus of real test suites with every FXS code and list what comes out.

    python tests/corpus/run_corpus.py [CORPUS_SRC] [--jobs N] [--select FXS]

CORPUS_SRC defaults to ``~/.cache/fxs-corpus/src`` (filled by ``fetch.sh`` of the shared
corpus), one folder per project. flake8 runs once over all of it, with ``-v`` so that the
plugin's "fixture-scope: ... skipped" lines (analysis failures) show, and ``--isolated`` so
the projects' own flake8 settings stay out. Prints every finding as
``project<TAB>path<TAB>line<TAB>code<TAB>message``, then the analysis failures and a summary;
exits 1 when flake8 crashed (a traceback) or the plugin logged a failure.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SOURCE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "fxs-corpus" / "src"
_FINDING = re.compile(r"^\./(?P<project>[^/]+)/(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): "
                      r"(?P<code>FXS\d{3}) (?P<message>.*)$")
_SKIPPED = re.compile(r"fixture-scope: .*skipped.*$")


@dataclass(frozen=True, order=True)
class Finding:
    project: str
    path: str
    line: int
    code: str
    message: str


def parse_findings(output: str) -> list[Finding]:
    found = []
    for line in output.splitlines():
        match = _FINDING.match(line)
        if match:
            found.append(Finding(match["project"], match["path"], int(match["line"]), match["code"],
                                 match["message"]))
    return sorted(found)


def run(source: Path, jobs: str | None, select: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "flake8", "-v", "--isolated", "--select", select, "."]
    if jobs:
        command.insert(3, f"--jobs={jobs}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLAKE8", "FXS_"))}
    return subprocess.run(command, cwd=source, capture_output=True, text=True, env=env)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--jobs", help="flake8 --jobs (default: flake8's own default)")
    parser.add_argument("--select", default="FXS", help="codes to report (default: all FXS codes)")
    options = parser.parse_args(argv)
    result = run(options.source.resolve(), options.jobs, options.select)
    findings = parse_findings(result.stdout)
    for finding in findings:
        print("\t".join((finding.project, finding.path, str(finding.line), finding.code, finding.message)))
    failures = [m.group(0) for m in _SKIPPED.finditer(result.stderr)]
    for failure in failures:
        print(f"ANALYSIS FAILURE: {failure}")
    crashed = "Traceback" in result.stderr or result.returncode not in (0, 1)
    if crashed:
        print(result.stderr[-5000:], file=sys.stderr)
    by_code = Counter(f.code for f in findings)
    counts = ", ".join(f"{code} {number}" for code, number in sorted(by_code.items())) or "none"
    print(f"# {len(findings)} findings ({counts}), "
          f"{len(failures)} analysis failures, flake8 exit {result.returncode}"
          f"{', CRASHED' if crashed else ''}")
    return 1 if crashed or failures else 0


if __name__ == "__main__":
    sys.exit(main())
