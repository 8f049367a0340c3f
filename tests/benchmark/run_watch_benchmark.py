"""What the watch mode costs: a test suite run with and without ``-p flake8_fixture_scope.watch``.

    python tests/benchmark/run_watch_benchmark.py prepare VENV FOLDER PACKAGE[==VERSION] ... \\
        [--extra PACKAGE ...] [--editable]
    python tests/benchmark/run_watch_benchmark.py run --python VENV/bin/python \\
        SUITE [SUITE ...] [--pairs 3] [--report FILE]

``prepare`` makes a virtual environment with pytest (and the ``--extra`` packages, such as a
suite's own test dependencies), downloads each package's source distribution with
``pip download --no-binary :all: --no-deps``, unpacks it under FOLDER and installs it into the
environment (``--editable`` makes the unpacked sources the imported ones, so that the watch
sees the library's modules as the project's). Nothing of this repository is installed there:
``run`` puts the repository on ``PYTHONPATH``, so the environment holds only pytest, the suite
and its test dependencies.

A SUITE is ``FOLDER`` or ``FOLDER::ARGS`` (ARGS, split at spaces, go to pytest; e.g.
``/tmp/wb/toolz-1.2.0::toolz``). Each run is a fresh ``python -m pytest -q -p no:cacheprovider``
process in FOLDER; the runs alternate (without, with; with, without; ...) so that drift on a
shared machine hits both arms alike. The table gives, for each arm, the median wall time and
the median CPU time (user + system) of the pytest process, the overheads, and the outcome line
of the last run with the watch (the suites must pass alike). With
``--report``, one more run with the watch writes its terminal report to FILE.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
WATCH = ["-p", "flake8_fixture_scope.watch"]
WITH, WITHOUT = "with watch", "without"


@dataclass(frozen=True)
class Suite:
    folder: Path
    args: list[str]

    @property
    def name(self) -> str:
        return self.folder.name


def parse_suite(text: str) -> Suite:
    folder, _, args = text.partition("::")
    return Suite(Path(folder).resolve(), shlex.split(args))


def pytest_command(python: str, suite: Suite, watch: bool, extra: Sequence[str] = ()) -> list[str]:
    return [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *(WATCH if watch else []),
            *extra, *suite.args]


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTHONPATH"] = str(REPOSITORY)
    return env


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system time of the pytest process: what a busy machine disturbs least
    outcome: str


def timed(command: list[str], folder: Path) -> Run:
    start, usage = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=folder, env=environment(), capture_output=True, text=True)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - usage.ru_utime + after.ru_stime - usage.ru_stime
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return Run(wall, cpu, lines[-1] if lines else f"exit {done.returncode}: {done.stderr.strip()[-200:]}")


def measure(python: str, suite: Suite, pairs: int) -> dict[str, list[Run]]:
    runs: dict[str, list[Run]] = {WITH: [], WITHOUT: []}
    for pair in range(pairs):
        order = (WITHOUT, WITH) if pair % 2 == 0 else (WITH, WITHOUT)
        for arm in order:
            run = timed(pytest_command(python, suite, arm == WITH), suite.folder)
            runs[arm].append(run)
            print(f"  {suite.name:<24} {arm:<12} {run.wall:7.2f} s wall {run.cpu:7.2f} s cpu  {run.outcome}",
                  file=sys.stderr)
    return runs


def table(rows: list[tuple[Suite, dict[str, list[Run]]]]) -> str:
    lines = ["| suite | runs per arm | wall without | wall with watch | wall overhead "
             "| CPU without | CPU with watch | CPU overhead | outcome |",
             "|---|---|---|---|---|---|---|---|---|"]
    for suite, runs in rows:
        cells = [f"{suite.name} {' '.join(suite.args)}".strip(), str(len(runs[WITH]))]
        for measure_of in (lambda run: run.wall, lambda run: run.cpu):
            without = statistics.median(map(measure_of, runs[WITHOUT]))
            with_watch = statistics.median(map(measure_of, runs[WITH]))
            cells += [f"{without:.2f} s", f"{with_watch:.2f} s", f"{100 * (with_watch / without - 1):+.1f} %"]
        cells.append(runs[WITH][-1].outcome.strip("= "))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(options: argparse.Namespace) -> int:
    suites = [parse_suite(text) for text in options.suites]
    rows = [(suite, measure(options.python, suite, options.pairs)) for suite in suites]
    print(table(rows))
    if options.report:
        with open(options.report, "w", encoding="utf-8") as stream:
            for suite in suites:
                command = pytest_command(options.python, suite, True, ["-rN"])
                done = subprocess.run(command, cwd=suite.folder, env=environment(),
                                      capture_output=True, text=True)
                lines = done.stdout.splitlines()
                start = next((i for i, line in enumerate(lines) if "= fixture-scope watch =" in line),
                             len(lines))
                stream.write(f"$ (cd {suite.folder} && {shlex.join(command)})\n")
                stream.write("\n".join(lines[start:]) + "\n\n")
    return 0


def prepare(options: argparse.Namespace) -> int:
    venv, folder = Path(options.venv), Path(options.folder)
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "pytest", *options.extra], check=True)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as downloads:
        subprocess.run([str(python), "-m", "pip", "download", "-q", "--no-binary", ":all:", "--no-deps",
                        "-d", downloads, *options.packages], check=True)
        for archive in sorted(Path(downloads).iterdir()):
            with tarfile.open(archive) as tar:
                tar.extractall(folder, filter="data")
                top = tar.getnames()[0].split("/")[0]
            install = ["-e", str(folder / top)] if options.editable else [str(folder / top)]
            subprocess.run([str(python), "-m", "pip", "install", "-q", *install], check=True)
            print(folder / top)
    return 0


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("prepare", help="make the benchmark environment and unpack the suites")
    making.add_argument("venv")
    making.add_argument("folder")
    making.add_argument("packages", nargs="+")
    making.add_argument("--extra", action="append", default=[], help="a test dependency to install")
    making.add_argument("--editable", action="store_true")
    running = commands.add_parser("run", help="time the suites with and without the watch")
    running.add_argument("suites", nargs="+", help="FOLDER or FOLDER::PYTEST ARGS")
    running.add_argument("--python", default=sys.executable, help="interpreter of the benchmark environment")
    running.add_argument("--pairs", type=int, default=3,
                         help="runs per arm, alternating (default 3, at least 3)")
    running.add_argument("--report", help="write the watch's report of one more run per suite here")
    options = parser.parse_args(argv)
    if options.command == "run" and options.pairs < 3:
        parser.error("--pairs must be at least 3")
    return prepare(options) if options.command == "prepare" else run(options)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
