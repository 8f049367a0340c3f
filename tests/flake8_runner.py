"""Run the real flake8 on a folder, the way users do, and read its findings."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from flake8 import utils as flake8_utils
from flake8.main.application import Application

Finding = tuple[str, int, str]  # (path relative to the project, line, code)

_OUTPUT = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) ")
_EXPECTED = re.compile(r"#\s*error:\s*(?P<codes>FXS\d{3}(?:\s*,\s*FXS\d{3})*)")


def run_flake8(project: Path, args: Sequence[str] = (), stdin: str | None = None,
               ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLAKE8")}
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=project, input=stdin, capture_output=True, text=True, env=env, timeout=300,
    )


def run_flake8_in_process(project: Path, args: Sequence[str] = (), stdin: bytes | None = None) -> str:
    """flake8's own application in this process (one job), from ``project``; its report.

    ``stdin``: the bytes flake8 reads for ``-`` (its reader caches standard input once per
    process, so the cache is cleared around the run).
    """
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(project), _standard_input(stdin):
        report = Path(folder) / "report.txt"
        application = Application()
        application.run([*args, "--jobs=1", f"--output-file={report}"])
        return report.read_text() if report.exists() else ""


@contextlib.contextmanager
def _standard_input(data: bytes | None) -> Iterator[None]:
    if data is None:
        yield
        return
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    flake8_utils.stdin_get_value.cache_clear()
    try:
        yield
    finally:
        sys.stdin = saved
        flake8_utils.stdin_get_value.cache_clear()


def findings(output: str) -> set[Finding]:
    found: set[Finding] = set()
    for line in output.splitlines():
        match = _OUTPUT.match(line)
        if match and match["code"].startswith("FXS"):
            path = os.path.normpath(match["path"]).replace(os.sep, "/")
            found.add((path, int(match["line"]), match["code"]))
    return found


def expected_findings(project: Path) -> set[Finding]:
    """Every ``# error: FXS001`` annotation in the project's Python files."""
    expected: set[Finding] = set()
    for path in sorted(project.rglob("*.py")):
        relative = path.relative_to(project).as_posix()
        for number, text in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                      .splitlines(), start=1):
            match = _EXPECTED.search(text)
            if match:
                for code in re.split(r"\s*,\s*", match["codes"]):
                    expected.add((relative, number, code))
    return expected
