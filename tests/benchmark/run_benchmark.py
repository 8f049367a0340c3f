"""flake8 with this plugin against flake8 without it, on the same files, in one run.

    python tests/benchmark/run_benchmark.py FOLDER [--pairs 3] [--jobs 1] [--sample 8]
                                           [-- extra flake8 arguments]

Each run is a fresh ``flake8`` process (through ``flake8_driver.py``; the "without" arm hides
our entry point, see there), started in FOLDER on ``.`` or on a deterministic sample of its
files. Runs alternate A/B, B/A, A/B, ... so that drift on a shared machine hits both arms alike.
For each run: wall time, and peak resident memory of the largest process of the run (flake8's
main process or one of its workers, from ``wait4``). The arm with the plugin sets
``FXS_PROFILE`` so the plugin appends its own time for every file; the report gives the median,
99th percentile and maximum of those times (each file's median over the runs) and the five
slowest files.

``--jobs`` is passed to flake8 as is; without it flake8 picks its default (one process per CPU).
``--sample K`` lints only files whose path hashes to 0 modulo K: quicker, and if anything
unfair to the plugin (conftests and library modules are built once per process and shared by
fewer files). Arguments after ``--`` go to both arms (default: ``--extend-select FXS``, all of
flake8's usual checks plus all of ours; ``-- --max-line-length=79`` keeps flake8's default
selection, what a user who installs the plugin pays). Config files in FOLDER are ignored (``--isolated``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "flake8_driver.py"
PLUGIN_MODULE = "flake8_fixture_scope"
WITH, WITHOUT = "with plugin", "without plugin"


@dataclass(frozen=True)
class Run:
    arm: str
    seconds: float
    cpu_seconds: float  # user + system time of the flake8 process (workers included when reaped)
    peak_mb: float
    exit_code: int
    file_times: dict[str, float]


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="a folder of test suites (flake8 runs there on '.')")
    parser.add_argument("--pairs", type=int, default=3, help="A/B pairs (default 3, at least 3)")
    parser.add_argument("--jobs", help="flake8 --jobs value (default: flake8's own default)")
    parser.add_argument("--sample", type=int, default=1, help="lint one file in K (default: all)")
    argv = list(argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    ours = argv[:argv.index("--")] if "--" in argv else argv
    options = parser.parse_args(ours)
    options.flake8_args = extra
    if options.pairs < 3:
        parser.error("--pairs must be at least 3")
    return options


def sampled_files(folder: Path, every: int) -> list[str]:
    if every <= 1:
        return ["."]
    found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.py"))
    return [p for p in found if zlib.crc32(p.encode()) % every == 0]


def environment(arm: str, profile: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLAKE8", "FXS_"))}
    if arm == WITHOUT:
        env["FXS_BENCH_HIDE_PLUGIN"] = PLUGIN_MODULE
    elif profile:
        env["FXS_PROFILE"] = profile
    return env


def flake8_command(options: argparse.Namespace, targets: list[str]) -> list[str]:
    command = [sys.executable, str(DRIVER), "--isolated"]
    if options.jobs:
        command.append(f"--jobs={options.jobs}")
    return command + (options.flake8_args or ["--extend-select", "FXS"]) + targets


def run_once(arm: str, command: list[str], folder: Path) -> Run:
    with tempfile.TemporaryDirectory() as scratch:
        profile = os.path.join(scratch, "profile.tsv")
        errors_path = os.path.join(scratch, "stderr.txt")
        with open(errors_path, "w") as errors:
            started = time.perf_counter()
            process = subprocess.Popen(command, cwd=folder, env=environment(arm, profile),
                                       stdout=subprocess.DEVNULL, stderr=errors)
            _pid, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = Path(errors_path).read_text(errors="replace")
        if "Traceback" in stderr or process.returncode not in (0, 1):
            raise SystemExit(f"{arm}: flake8 failed (exit {process.returncode}):\n{stderr[-3000:]}")
        times = read_profile(profile) if arm == WITH else {}
    cpu = usage.ru_utime + usage.ru_stime
    return Run(arm, seconds, cpu, usage.ru_maxrss / 1024, process.returncode, times)


BUILT: set[str] = set()  # files that needed an astroid tree, in any run


def read_profile(path: str) -> dict[str, float]:
    times: dict[str, float] = {}
    if os.path.exists(path):
        for line in Path(path).read_text().splitlines():
            seconds, built, filename = line.split("\t", 2)
            times[os.path.normpath(filename)] = float(seconds)
            if built == "built":
                BUILT.add(os.path.normpath(filename))
    return times


def check_arms(folder: Path) -> None:
    """The two arms must differ in exactly our plugin."""
    for arm, expected in ((WITH, True), (WITHOUT, False)):
        shown = subprocess.run([sys.executable, str(DRIVER), "--version"], cwd=folder, capture_output=True,
                               text=True, env=environment(arm, None), check=True).stdout
        if ("flake8-fixture-scope" in shown) != expected:
            raise SystemExit(f"{arm}: flake8 --version says {shown!r}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(runs: list[Run], options: argparse.Namespace, files: int) -> None:
    print(f"folder {options.folder}  files {files}  jobs {options.jobs or 'flake8 default'}  "
          f"pairs {options.pairs}  sample 1/{options.sample}")
    print(f"{'run':>3}  {'arm':<15} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12}")
    for number, run in enumerate(runs, start=1):
        print(f"{number:>3}  {run.arm:<15} {run.seconds:>8.2f} {run.cpu_seconds:>8.2f} {run.peak_mb:>12.1f}")
    wall = {arm: statistics.median(r.seconds for r in runs if r.arm == arm) for arm in (WITH, WITHOUT)}
    peak = {arm: statistics.median(r.peak_mb for r in runs if r.arm == arm) for arm in (WITH, WITHOUT)}
    ratios = [a.seconds / b.seconds for a, b in paired(runs)]
    print(f"median wall: without {wall[WITHOUT]:.2f} s, with {wall[WITH]:.2f} s; "
          f"ratio of medians {wall[WITH] / wall[WITHOUT]:.3f}; median of pair ratios "
          f"{statistics.median(ratios):.3f} (overhead {100 * (statistics.median(ratios) - 1):.1f} %)")
    cpu = {arm: statistics.median(r.cpu_seconds for r in runs if r.arm == arm) for arm in (WITH, WITHOUT)}
    cpu_ratios = [a.cpu_seconds / b.cpu_seconds for a, b in paired(runs) if b.cpu_seconds]
    print(f"median cpu: without {cpu[WITHOUT]:.2f} s, with {cpu[WITH]:.2f} s; median of pair ratios "
          f"{statistics.median(cpu_ratios):.3f} (overhead {100 * (statistics.median(cpu_ratios) - 1):.1f} %)")
    print(f"median peak RSS: without {peak[WITHOUT]:.1f} MB, with {peak[WITH]:.1f} MB; "
          f"ratio {peak[WITH] / peak[WITHOUT]:.2f}")
    report_file_times([r.file_times for r in runs if r.arm == WITH])


def paired(runs: list[Run]) -> list[tuple[Run, Run]]:
    pairs = []
    for first, second in zip(runs[::2], runs[1::2]):
        pairs.append((first, second) if first.arm == WITH else (second, first))
    return pairs


def report_file_times(per_run: list[dict[str, float]]) -> None:
    names = set().union(*per_run) if per_run else set()
    if not names:
        print("plugin time per file: no profile written (is the plugin installed in this Python?)")
        return
    per_file = {n: statistics.median(t[n] for t in per_run if n in t) for n in names}
    values = list(per_file.values())
    print(f"plugin time per file ({len(values)} files, median over {len(per_run)} runs): "
          f"median {1000 * statistics.median(values):.1f} ms, p99 {1000 * percentile(values, 0.99):.1f} ms, "
          f"max {1000 * max(values):.1f} ms, total {sum(values):.1f} s")
    print(f"files that built an astroid tree: {len(BUILT & set(per_file))} of {len(per_file)}")
    print("five slowest files:")
    for name, seconds in sorted(per_file.items(), key=lambda item: -item[1])[:5]:
        print(f"  {1000 * seconds:8.1f} ms  {name}")


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_arguments(sys.argv[1:] if argv is None else argv)
    folder = options.folder.resolve()
    check_arms(folder)
    targets = sampled_files(folder, options.sample)
    command = flake8_command(options, targets)
    runs: list[Run] = []
    for pair in range(options.pairs):
        order = (WITH, WITHOUT) if pair % 2 == 0 else (WITHOUT, WITH)
        for arm in order:
            runs.append(run_once(arm, command, folder))
            print(f"  {arm}: {runs[-1].seconds:.2f} s", file=sys.stderr, flush=True)
    files = len(targets) if options.sample > 1 else len(list(folder.rglob("*.py")))
    report(runs, options, files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
