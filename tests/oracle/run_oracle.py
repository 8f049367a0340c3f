"""The oracle: real test suites run under the watch, to see which static findings happen.

    python tests/oracle/run_oracle.py [--work DIR] [--only NAME ...] [--table FILE]

For each project of ``tests/oracle/projects.toml`` (a pinned name and version), it downloads the
source distribution (``pip download --no-deps --no-binary :all:``), unpacks it, makes a virtual
environment for it with the project installed editable (so that the watch counts its modules
as the project's), pytest, the project's test requirements and this repository (editable), and
then, in the unpacked folder:

1. ``flake8 --isolated --select FXS TESTS``: every FXS code; the default-on ones (those that
   ``rules.OFF_BY_DEFAULT`` leaves on) are counted apart from the off-by-default ones;
2. ``pytest -p flake8_fixture_scope.watch --fxs-watch-json=...`` over the same folder, with the
   project's own deselections and a time limit;
3. ``python -m flake8_fixture_scope.watch confirm`` with both outputs.

It prints per project the static findings observed, not observed and not run, and the changes
the watch saw that no static finding predicted, with every line of the confirmation, and writes
a markdown table (``--table``, default ``WORK/results/table.md``) of every project of the list
that ran, in this run or an earlier one (``--only`` reruns some and keeps the others' results).
Downloads, unpacked sources and environments stay under the work folder (default
``~/.cache/fxs-oracle``), so a second run only lints and runs the suites. It needs PyPI and minutes per project: it is not part of CI
(``setup.cfg`` keeps pytest out of ``tests/oracle``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
PROJECTS = Path(__file__).resolve().with_name("projects.toml")
DEFAULT_WORK = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "fxs-oracle"
INSTALLED = ".fxs-oracle-installed"  # marker in a venv: the hash of what was installed into it
VERDICTS = ("not observed", "not checked", "not run", "observed", "unpredicted")
_CODE = re.compile(r":\d+:\d+: (FXS\d{3}) ")
_UNPREDICTED = re.compile(r"^unpredicted\s+(?P<file>.+?):(?P<line>\d+): (?P<nodeid>.+?): (?P<code>FXS\d{3}) ")

sys.path.insert(0, str(REPOSITORY))
from flake8_fixture_scope.rules import OFF_BY_DEFAULT  # noqa: E402


@dataclass(frozen=True)
class Project:
    name: str
    version: str
    tests: str  # the test folder, relative to the unpacked source distribution
    requires: tuple[str, ...] = ()  # test requirements, from PyPI
    pytest_args: tuple[str, ...] = ()  # deselections (network, platform) and options
    timeout: int = 900  # seconds for the watched run
    in_corpus: bool = False  # also in the shared development corpus: not unseen code

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"


def load_projects(path: Path = PROJECTS) -> list[Project]:
    with open(path, "rb") as stream:
        document = tomllib.load(stream)
    return [Project(entry["name"], entry["version"], entry["tests"], tuple(entry.get("requires", ())),
                    tuple(entry.get("pytest_args", ())), int(entry.get("timeout", 900)),
                    bool(entry.get("in_corpus", False)))
            for entry in document["project"]]


# --- preparing: download, unpack, environment -----------------------------------------------

def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def download(project: Project, work: Path) -> Path:
    folder = work / "downloads" / project.key
    archives = sorted(folder.glob("*")) if folder.is_dir() else []
    if not archives:
        folder.mkdir(parents=True, exist_ok=True)
        log(f"  downloading {project.name}=={project.version}")
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "-d", str(folder), f"{project.name}=={project.version}"], check=True)
        archives = sorted(folder.glob("*"))
    return archives[0]


def unpack(archive: Path, work: Path, project: Project) -> Path:
    """The unpacked source distribution's top folder (unpacked once)."""
    target = work / "src" / project.key
    if not target.is_dir():
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True)
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(partial)
        else:
            with tarfile.open(archive) as tar:
                tar.extractall(partial, filter="data")
        partial.rename(target)
    tops = [entry for entry in target.iterdir() if entry.is_dir()]
    if len(tops) != 1:
        raise RuntimeError(f"{archive.name}: expected one top folder, found {len(tops)}")
    return tops[0]


def environment(project: Project, work: Path, source: Path) -> Path:
    """The project's venv, (re)installed when what it should hold changed; returns its python."""
    venv = work / "venvs" / project.key
    python = venv / "bin" / "python"
    wanted = ["-e", str(source), "pytest", *project.requires, "-e", str(REPOSITORY)]
    digest = hashlib.sha256("\n".join(wanted).encode()).hexdigest()
    marker = venv / INSTALLED
    if marker.is_file() and marker.read_text() == digest and python.exists():
        return python
    log(f"  making the environment {venv}")
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", *wanted], check=True)
    marker.write_text(digest)
    return python


# --- running --------------------------------------------------------------------------------

def clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "FLAKE8", "FXS_", "VIRTUAL_ENV", "PYTHONPATH"))}


def run_limited(command: list[str], folder: Path, output: Path, timeout: int) -> tuple[int | None, float]:
    """Run with stdout and stderr into ``output``; the exit status, or None after the time limit."""
    start = time.perf_counter()
    with open(output, "w", encoding="utf-8") as stream:
        process = subprocess.Popen(command, cwd=folder, env=clean_env(), stdout=stream,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            status: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the run's own process group only
            process.wait()
            status = None
    return status, time.perf_counter() - start


def python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if path.is_file())


@dataclass
class Outcome:
    project: Project
    files: int = 0
    lines: int = 0
    tests: int = 0  # tests the watch saw run
    pytest_line: str = ""
    timed_out: bool = False
    error: str = ""
    verdicts: dict[str, list[str]] = field(default_factory=dict)  # "on:observed" -> lines
    unpredicted: list[str] = field(default_factory=list)

    def count(self, group: str, verdict: str) -> int:
        return len(self.verdicts.get(f"{group}:{verdict}", []))


def default_on(line: str) -> bool:
    match = _CODE.search(line)
    return match is not None and match.group(1) not in OFF_BY_DEFAULT


def read_confirmation(text: str, outcome: Outcome) -> None:
    for line in text.splitlines():
        verdict = next((v for v in VERDICTS if line.startswith(v + " ")), None)
        if verdict is None:
            continue
        if verdict == "unpredicted":
            outcome.unpredicted.append(line)
            continue
        group = "on" if default_on(line) else "off"
        outcome.verdicts.setdefault(f"{group}:{verdict}", []).append(line)


def last_line(path: Path) -> str:
    lines = [line.strip("= ") for line in path.read_text(errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def examine(project: Project, work: Path) -> Outcome:
    outcome = Outcome(project)
    source = unpack(download(project, work), work, project)
    python = environment(project, work, source)
    results = work / "results" / project.name
    shutil.rmtree(results, ignore_errors=True)
    results.mkdir(parents=True)
    files = python_files(source / project.tests)
    outcome.files = len(files)
    outcome.lines = sum(len(path.read_bytes().splitlines()) for path in files)
    static = results / "static.txt"
    flake8 = [str(python), "-m", "flake8", "--isolated", "--select", "FXS", project.tests]
    status, _ = run_limited(flake8, source, static, 1800)
    if status not in (0, 1):
        outcome.error = f"flake8 exit {status}: {static.read_text()[-500:]}"
        return outcome
    report = results / "watch.json"
    pytest_log = results / "pytest.log"
    command = [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-p", "flake8_fixture_scope.watch",
               f"--fxs-watch-json={report}", "-q", *project.pytest_args, project.tests]
    status, seconds = run_limited(command, source, pytest_log, project.timeout)
    outcome.timed_out = status is None
    outcome.pytest_line = f"{last_line(pytest_log)} ({seconds:.0f} s)"
    if not report.is_file():
        outcome.error = "no watch report" + (" (time limit)" if outcome.timed_out else f" (exit {status})")
        return outcome
    outcome.tests = len(json.loads(report.read_text()).get("tests", []))
    if not outcome.tests:
        outcome.error = "no test ran"
    confirmation = results / "confirm.txt"
    run_limited([str(python), "-m", "flake8_fixture_scope.watch", "confirm", str(static), str(report),
                 "--base", str(source)], source, confirmation, 300)
    read_confirmation(confirmation.read_text(), outcome)
    return outcome


# --- reporting ------------------------------------------------------------------------------

COLUMNS = ("project", "test files", "lines", "tests run", "default-on findings", "observed",
           "not observed", "not run", "not checked", "off-by-default (observed / not observed)",
           "unpredicted", "pytest")


def row(outcome: Outcome) -> list[str]:
    name = outcome.project.key + (" (corpus)" if outcome.project.in_corpus else "")
    if outcome.error and not outcome.verdicts:
        return [name, str(outcome.files), str(outcome.lines), str(outcome.tests),
                *(["-"] * 7), outcome.error]
    on = sum(outcome.count("on", verdict) for verdict in VERDICTS[:4])
    off = (f"{sum(outcome.count('off', v) for v in VERDICTS[:4])} "
           f"({outcome.count('off', 'observed')} / {outcome.count('off', 'not observed')})")
    return [name, str(outcome.files), str(outcome.lines), str(outcome.tests), str(on),
            str(outcome.count("on", "observed")), str(outcome.count("on", "not observed")),
            str(outcome.count("on", "not run")), str(outcome.count("on", "not checked")), off,
            str(len(outcome.unpredicted)), outcome.pytest_line]


def totals(outcomes: Sequence[Outcome]) -> str:
    observed = sum(o.count("on", "observed") for o in outcomes)
    missed = sum(o.count("on", "not observed") for o in outcomes)
    share = f"{100 * observed / (observed + missed):.1f} %" if observed + missed else "n/a"
    return (f"default-on findings on tests that ran: {observed + missed}, observed {observed} ({share}); "
            f"not run {sum(o.count('on', 'not run') for o in outcomes)}; "
            f"not checked {sum(o.count('on', 'not checked') for o in outcomes)}; "
            f"unpredicted changes {sum(len(o.unpredicted) for o in outcomes)}")


def table(outcomes: Sequence[Outcome]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row(o)) + " |" for o in outcomes]
    unseen = [o for o in outcomes if not o.project.in_corpus]
    seen = [o for o in outcomes if o.project.in_corpus]
    sums = [f"- all projects: {totals(outcomes)}"]
    if seen and unseen:
        sums += [f"- projects outside the development corpus: {totals(unseen)}",
                 f"- projects of the development corpus: {totals(seen)}"]
    return "\n".join(lines) + "\n\n" + "\n".join(sums) + "\n"


def save(outcome: Outcome, work: Path) -> None:
    fields = {key: value for key, value in vars(outcome).items() if key != "project"}
    path = work / "results" / outcome.project.name / "outcome.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"key": outcome.project.key, **fields}, indent=1), encoding="utf-8")


def saved(project: Project, work: Path) -> Outcome | None:
    """The outcome of this project's last run, when it was of the same version."""
    path = work / "results" / project.name / "outcome.json"
    if not path.is_file():
        return None
    fields = json.loads(path.read_text(encoding="utf-8"))
    if fields.pop("key") != project.key:
        return None
    return Outcome(project, **fields)


def show(outcome: Outcome) -> None:
    print(f"== {outcome.project.key}: {outcome.pytest_line or outcome.error}")
    for key in sorted(outcome.verdicts):
        for line in outcome.verdicts[key]:
            print(f"  [{key.split(':')[0]}] {line}")
    for line in outcome.unpredicted:
        print(f"  {line}")
    print("  " + " ".join(row(outcome)[3:11]), flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="cache and results folder")
    parser.add_argument("--only", action="append", default=[], metavar="NAME", help="this project only")
    parser.add_argument("--table", type=Path, help="markdown table (default WORK/results/table.md)")
    options = parser.parse_args(argv)
    work = options.work.expanduser().resolve()
    every = load_projects()
    projects = [p for p in every if not options.only or p.name in options.only]
    if not projects:
        parser.error(f"no project named {options.only}")
    for project in projects:
        log(f"{project.key}")
        try:
            outcome = examine(project, work)
        except (subprocess.CalledProcessError, RuntimeError, OSError) as error:
            outcome = Outcome(project, error=f"{type(error).__name__}: {error}")
        show(outcome)
        save(outcome, work)
    # The table has every project of the list that ran once, in this run or an earlier one.
    outcomes = [outcome for outcome in (saved(project, work) for project in every) if outcome is not None]
    text = table(outcomes)
    target = options.table or work / "results" / "table.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
