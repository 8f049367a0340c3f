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
``~/.cache/fxs-oracle``), so a second run only lints and runs the suites; ``--reconfirm`` runs
neither and only compares the last run's outputs again. It needs PyPI and minutes per project:
it is not part of CI (``setup.cfg`` keeps pytest out of ``tests/oracle``).
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
OTHER = "observed, other thing"  # the test changed something, but not what the finding names
_CODE = re.compile(r":\d+:\d+: (FXS\d{3}) ")
_UNPREDICTED = re.compile(r"^unpredicted\s+(?P<file>.+?):(?P<line>\d+): (?P<nodeid>.+?): (?P<code>FXS\d{3}) ")

sys.path.insert(0, str(REPOSITORY))
from flake8_fixture_scope.rules import OFF_BY_DEFAULT  # noqa: E402
from flake8_fixture_scope.watch_confirm import Static, _covers, read_static  # noqa: E402

# The thing a static finding says changes: the first quoted name after these words.
_TARGET = re.compile(r"(?:changes module-level|mutates|a patch of|patch of) '(?P<target>[^']+)'")
_SUBSCRIPT = re.compile(r"\[[^\]]*\]")


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


def python_files(tests: Path) -> list[Path]:
    if tests.is_file():
        return [tests]
    return sorted(path for path in tests.rglob("*.py") if path.is_file())


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


def components(name: str) -> list[str]:
    """A dotted name without its subscripts: ``pp.core._sigs[x].a`` -> ``pp, core, _sigs, a``."""
    return [part for part in _SUBSCRIPT.sub("", name).replace("()", "").split(".") if part]


def same_thing(target: str, thing: str) -> bool:
    """Whether the watch's changed ``thing`` is the static finding's ``target`` or inside it.

    The static side names things as the test spells them (``pp.ParserElement.x`` after
    ``import pyparsing as pp``, a local alias of a module-level value), the watch by where they
    live (``pyparsing.core.ParserElement.x``): the target's names, with or without its first one,
    must appear in a row among the thing's names. Subscripts are left out on both sides (the
    static side often has a variable there).
    """
    wanted, seen = components(target), components(thing)
    for tail in (wanted, wanted[1:]):
        if tail and any(seen[i:i + len(tail)] == tail for i in range(len(seen) - len(tail) + 1)):
            return True
    return False


def observed_things(static: Path, report: Path, base: Path) -> dict[str, bool]:
    """For each observed static finding (by its text): whether a witness changed that very thing."""
    with open(static, encoding="utf-8") as stream:
        findings: list[Static] = read_static(stream, str(base))
    witnesses = json.loads(report.read_text(encoding="utf-8"))["findings"]
    verdicts = {}
    for finding in findings:
        match = _TARGET.search(finding.text)
        covering = [w for w in witnesses if _covers(finding, w)]
        if covering:
            verdicts[finding.text] = match is not None and any(
                same_thing(match["target"], w["thing"]) for w in covering)
    return verdicts


def default_on(line: str) -> bool:
    match = _CODE.search(line)
    return match is not None and match.group(1) not in OFF_BY_DEFAULT


def read_confirmation(text: str, outcome: Outcome, things: dict[str, bool]) -> None:
    """Sort the confirmation's lines; an observed finding whose witnesses all changed something
    else than what the finding names is counted as "observed, other thing"."""
    for line in text.splitlines():
        verdict = next((v for v in VERDICTS if line.startswith(v + " ")), None)
        if verdict is None:
            continue
        if verdict == "unpredicted":
            outcome.unpredicted.append(line)
            continue
        if verdict == "observed":
            text_of = line[len(verdict):].strip()
            if not any(text_of.startswith(key) and same for key, same in things.items()):
                verdict = OTHER
        group = "on" if default_on(line) else "off"
        outcome.verdicts.setdefault(f"{group}:{verdict}", []).append(line)


def last_line(path: Path) -> str:
    lines = [line.strip("= ") for line in path.read_text(errors="replace").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def lint_and_run(project: Project, python: Path, source: Path, results: Path, outcome: Outcome) -> bool:
    """flake8 and the watched suite, their outputs into ``results``; False when either failed."""
    shutil.rmtree(results, ignore_errors=True)
    results.mkdir(parents=True)
    static = results / "static.txt"
    flake8 = [str(python), "-m", "flake8", "--isolated", "--select", "FXS", project.tests]
    status, _ = run_limited(flake8, source, static, 1800)
    if status not in (0, 1):
        outcome.error = f"flake8 exit {status}: {static.read_text()[-500:]}"
        return False
    report = results / "watch.json"
    command = [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-p", "flake8_fixture_scope.watch",
               f"--fxs-watch-json={report}", "-q", *project.pytest_args, project.tests]
    status, seconds = run_limited(command, source, results / "pytest.log", project.timeout)
    outcome.timed_out = status is None
    (results / "pytest.seconds").write_text(f"{seconds:.0f}")
    if not report.is_file():
        outcome.error = "no watch report" + (" (time limit)" if outcome.timed_out else f" (exit {status})")
        return False
    return True


def examine(project: Project, work: Path, reconfirm: bool = False) -> Outcome:
    outcome = Outcome(project)
    source = unpack(download(project, work), work, project)
    python = environment(project, work, source)
    results = work / "results" / project.name
    files = python_files(source / project.tests)
    outcome.files = len(files)
    outcome.lines = sum(len(path.read_bytes().splitlines()) for path in files)
    static, report = results / "static.txt", results / "watch.json"
    if not (reconfirm and static.is_file() and report.is_file()):
        if not lint_and_run(project, python, source, results, outcome):
            return outcome
    seconds = results / "pytest.seconds"
    outcome.pytest_line = last_line(results / "pytest.log") + (
        f" ({seconds.read_text()} s)" if seconds.is_file() else "")
    outcome.tests = len(json.loads(report.read_text()).get("tests", []))
    if not outcome.tests:
        outcome.error = "no test ran"
    confirmation = results / "confirm.txt"
    run_limited([str(python), "-m", "flake8_fixture_scope.watch", "confirm", str(static), str(report),
                 "--base", str(source)], source, confirmation, 300)
    read_confirmation(confirmation.read_text(), outcome, observed_things(static, report, source))
    return outcome


# --- reporting ------------------------------------------------------------------------------

COLUMNS = ("project", "test files", "lines", "tests run", "default-on findings",
           "observed: same thing", "observed: other thing", "not observed", "not run", "not checked",
           "off-by-default (same thing / other / not observed)", "unpredicted", "pytest")
RAN = ("observed", OTHER, "not observed")  # verdicts of findings on tests that ran
ALL = (*RAN, "not run", "not checked")


def row(outcome: Outcome) -> list[str]:
    name = outcome.project.key + (" (corpus)" if outcome.project.in_corpus else "")
    if outcome.error and not outcome.verdicts:
        return [name, str(outcome.files), str(outcome.lines), str(outcome.tests),
                *(["-"] * 8), outcome.error]
    off = (f"{sum(outcome.count('off', v) for v in ALL)} "
           f"({' / '.join(str(outcome.count('off', v)) for v in RAN)})")
    return [name, str(outcome.files), str(outcome.lines), str(outcome.tests),
            str(sum(outcome.count("on", v) for v in ALL)), *(str(outcome.count("on", v)) for v in ALL),
            off, str(len(outcome.unpredicted)), outcome.pytest_line]


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def totals(outcomes: Sequence[Outcome]) -> str:
    def total(verdict: str) -> int:
        return sum(o.count("on", verdict) for o in outcomes)

    ran = sum(map(total, RAN))
    observed = total("observed") + total(OTHER)
    return (f"default-on findings on tests that ran: {ran}; observed {observed} ({share(observed, ran)}), "
            f"of which the same thing {total('observed')} ({share(total('observed'), ran)} of those that "
            f"ran); not observed {total('not observed')}; not run {total('not run')}; "
            f"not checked {total('not checked')}; "
            f"unpredicted changes {sum(len(o.unpredicted) for o in outcomes)} "
            f"in {sum(1 for o in outcomes if o.unpredicted)} projects")


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
    parser.add_argument("--reconfirm", action="store_true",
                        help="neither lint nor run: compare the last run's outputs again")
    options = parser.parse_args(argv)
    work = options.work.expanduser().resolve()
    every = load_projects()
    projects = [p for p in every if not options.only or p.name in options.only]
    if not projects:
        parser.error(f"no project named {options.only}")
    for project in projects:
        log(f"{project.key}")
        try:
            outcome = examine(project, work, options.reconfirm)
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
