"""flake8 with this plugin against plain flake8 (and flake8 with flake8-bugbear), in one run.

    python tests/benchmark/run_benchmark.py FOLDER [--pairs 3] [--jobs 1] [--sample 8]
                                           [--editor] [-- extra flake8 arguments]

Arms: plain flake8; flake8 with this plugin; and, when flake8-bugbear is installed in the same
Python, flake8 with bugbear instead, as a yardstick of what users accept from a plugin. Every
run is a fresh process (through ``flake8_driver.py``, which hides the plugins an arm does not
have). Rounds rotate the order of the arms, so that drift on a shared machine hits all alike.

Suite mode (default): flake8 in FOLDER on ``.`` or on a deterministic sample of its files. For
each run: wall time, CPU time, and peak resident memory of the largest process of the run
(flake8's main process or one of its workers, from ``wait4``). The plugin's arm sets
``FXS_PROFILE`` so the plugin appends its own time for every file; the report gives the median,
99th percentile and maximum of those times (each file's median over the runs) and the five
slowest files.

Editor mode (``--editor``): what an editor pays after each save. Every test module of FOLDER
(``test_*.py``, ``*_test.py``; FOLDER holds one folder per project, as the shared corpus does)
is linted alone by a fresh flake8 process started in its project's folder, its text on
standard input under ``--stdin-display-name``, as python-lsp-server and the VS Code extension
run it. For each file and arm the median over the rounds is kept; the report gives each arm's
median lint, and what the plugin and bugbear add over plain flake8: median, 90th percentile,
worst, and the five files where the plugin adds most.

``--jobs`` is passed to flake8 as is; without it flake8 picks its default (one process per CPU).
``--sample K`` lints only files whose path hashes to 0 modulo K: quicker, and if anything
unfair to the plugin (conftests and library modules are built once per process and shared by
fewer files). Arguments after ``--`` go to every arm (default: ``--extend-select FXS``, all of
flake8's usual checks plus all of ours; ``-- --max-line-length=79`` keeps flake8's default
selection, what a user who installs the plugin pays). Config files in FOLDER are ignored
(``--isolated``).
"""

from __future__ import annotations

import argparse
import importlib.util
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
BUGBEAR_MODULE = "bugbear"
PLAIN, WITH, BUGBEAR = "plain flake8", "with plugin", "with bugbear"
HIDDEN = {PLAIN: (PLUGIN_MODULE, BUGBEAR_MODULE), WITH: (BUGBEAR_MODULE,), BUGBEAR: (PLUGIN_MODULE,)}


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
    parser.add_argument("--pairs", type=int, default=3, help="rounds of all arms (default 3, at least 3)")
    parser.add_argument("--jobs", help="flake8 --jobs value (default: flake8's own default)")
    parser.add_argument("--sample", type=int, default=1, help="lint one file in K (default: all)")
    parser.add_argument("--editor", action="store_true",
                        help="one fresh flake8 per test module, on standard input, as editors run it")
    argv = list(argv)
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    ours = argv[:argv.index("--")] if "--" in argv else argv
    options = parser.parse_args(ours)
    options.flake8_args = extra
    if options.pairs < 3:
        parser.error("--pairs must be at least 3")
    return options


def arms() -> list[str]:
    has_bugbear = importlib.util.find_spec(BUGBEAR_MODULE) is not None
    return [PLAIN, WITH, BUGBEAR] if has_bugbear else [PLAIN, WITH]


def round_order(arm_list: list[str], number: int) -> list[str]:
    """Each round starts with a different arm and alternates direction."""
    shift = number % len(arm_list)
    rotated = arm_list[shift:] + arm_list[:shift]
    return rotated if number % 2 == 0 else rotated[::-1]


def sampled(paths: list[str], every: int) -> list[str]:
    return [p for p in paths if every <= 1 or zlib.crc32(p.encode()) % every == 0]


def sampled_files(folder: Path, every: int) -> list[str]:
    if every <= 1:
        return ["."]
    return sampled(sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.py")), every)


def environment(arm: str, profile: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLAKE8", "FXS_"))}
    env["FXS_BENCH_HIDE_PLUGIN"] = ",".join(HIDDEN[arm])
    if arm == WITH and profile:
        env["FXS_PROFILE"] = profile
    return env


def flake8_command(options: argparse.Namespace, targets: list[str]) -> list[str]:
    command = [sys.executable, str(DRIVER), "--isolated"]
    if options.jobs:
        command.append(f"--jobs={options.jobs}")
    return command + (options.flake8_args or ["--extend-select", "FXS"]) + targets


def run_once(arm: str, command: list[str], folder: Path, stdin: bytes | None = None) -> Run:
    with tempfile.TemporaryDirectory() as scratch:
        profile = os.path.join(scratch, "profile.tsv")
        errors_path = os.path.join(scratch, "stderr.txt")
        with open(errors_path, "w") as errors:
            started = time.perf_counter()
            process = subprocess.Popen(command, cwd=folder, env=environment(arm, profile),
                                       stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=errors)
            if stdin is not None:
                assert process.stdin is not None
                process.stdin.write(stdin)
                process.stdin.close()
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


def check_arms(folder: Path, arm_list: list[str]) -> None:
    """The arms must differ in exactly the plugins they are named for."""
    for arm in arm_list:
        shown = subprocess.run([sys.executable, str(DRIVER), "--version"], cwd=folder, capture_output=True,
                               text=True, env=environment(arm, None), check=True).stdout
        has_ours, has_bugbear = "flake8-fixture-scope" in shown, "flake8-bugbear" in shown
        if has_ours != (arm == WITH) or has_bugbear != (arm == BUGBEAR):
            raise SystemExit(f"{arm}: flake8 --version says {shown!r}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def median_of(runs: list[Run], arm: str, field: str) -> float:
    return statistics.median(getattr(r, field) for r in runs if r.arm == arm)


def round_ratios(runs: list[Run], arm: str, field: str, per_round: int) -> list[float]:
    """``arm`` over plain flake8, within each round."""
    ratios = []
    for start in range(0, len(runs), per_round):
        by_arm = {r.arm: getattr(r, field) for r in runs[start:start + per_round]}
        if by_arm.get(PLAIN):
            ratios.append(by_arm[arm] / by_arm[PLAIN])
    return ratios


def report(runs: list[Run], options: argparse.Namespace, files: int, arm_list: list[str]) -> None:
    print(f"folder {options.folder}  files {files}  jobs {options.jobs or 'flake8 default'}  "
          f"rounds {options.pairs}  sample 1/{options.sample}")
    print(f"{'run':>3}  {'arm':<15} {'wall s':>8} {'cpu s':>8} {'peak RSS MB':>12}")
    for number, run in enumerate(runs, start=1):
        print(f"{number:>3}  {run.arm:<15} {run.seconds:>8.2f} {run.cpu_seconds:>8.2f} {run.peak_mb:>12.1f}")
    for arm in arm_list:
        line = (f"{arm:<15} median wall {median_of(runs, arm, 'seconds'):7.2f} s, "
                f"cpu {median_of(runs, arm, 'cpu_seconds'):7.2f} s, "
                f"peak RSS {median_of(runs, arm, 'peak_mb'):6.1f} MB")
        if arm != PLAIN:
            wall = statistics.median(round_ratios(runs, arm, "seconds", len(arm_list)))
            cpu = statistics.median(round_ratios(runs, arm, "cpu_seconds", len(arm_list)))
            memory = median_of(runs, arm, "peak_mb") / median_of(runs, PLAIN, "peak_mb")
            line += f"; over plain: wall {wall:.3f}x, cpu {cpu:.3f}x, peak RSS {memory:.2f}x"
        print(line)
    report_file_times([r.file_times for r in runs if r.arm == WITH])


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


def suite_mode(options: argparse.Namespace, folder: Path, arm_list: list[str]) -> None:
    targets = sampled_files(folder, options.sample)
    command = flake8_command(options, targets)
    runs: list[Run] = []
    for number in range(options.pairs):
        for arm in round_order(arm_list, number):
            runs.append(run_once(arm, command, folder))
            print(f"  {arm}: {runs[-1].seconds:.2f} s", file=sys.stderr, flush=True)
    files = len(targets) if options.sample > 1 else len(list(folder.rglob("*.py")))
    report(runs, options, files, arm_list)


def test_modules(folder: Path) -> list[str]:
    found = (p for p in folder.rglob("*.py") if p.name.startswith("test_") or p.name.endswith("_test.py"))
    return sorted(p.relative_to(folder).as_posix() for p in found)


def editor_mode(options: argparse.Namespace, folder: Path, arm_list: list[str]) -> None:
    files = sampled(test_modules(folder), options.sample)
    seconds: dict[tuple[str, str], list[float]] = {}
    for number in range(options.pairs):
        for index, relative in enumerate(files):
            project, inside = relative.split("/", 1)
            command = flake8_command(options, [f"--stdin-display-name={inside}", "-"])
            data = (folder / relative).read_bytes()
            for arm in round_order(arm_list, number + index):
                run = run_once(arm, command, folder / project, stdin=data)
                seconds.setdefault((arm, relative), []).append(run.seconds)
        print(f"  round {number + 1} of {options.pairs} done", file=sys.stderr, flush=True)
    lint = {key: statistics.median(values) for key, values in seconds.items()}
    print(f"editor mode: {len(files)} test modules of {folder} (sample 1/{options.sample}), one fresh flake8 "
          f"per file and arm, median of {options.pairs} rounds")
    for arm in arm_list:
        print(f"{arm:<15} median lint {1000 * statistics.median(lint[arm, f] for f in files):7.1f} ms")
    for arm in arm_list[1:]:
        added = {f: lint[arm, f] - lint[PLAIN, f] for f in files}
        values = list(added.values())
        print(f"{arm:<15} adds: median {1000 * statistics.median(values):6.1f} ms, "
              f"p90 {1000 * percentile(values, 0.9):6.1f} ms, worst {1000 * max(values):6.1f} ms")
    added = {f: lint[WITH, f] - lint[PLAIN, f] for f in files}
    print("five files where the plugin adds most:")
    for name, extra in sorted(added.items(), key=lambda item: -item[1])[:5]:
        print(f"  {1000 * extra:8.1f} ms  {name}")


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_arguments(sys.argv[1:] if argv is None else argv)
    folder = options.folder.resolve()
    arm_list = arms()
    check_arms(folder, arm_list)
    if options.editor:
        editor_mode(options, folder, arm_list)
    else:
        suite_mode(options, folder, arm_list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
