"""Scenario folders under tests/cases, each a small project annotated with ``# error: FXS...``.

Each is copied to a temporary folder and linted by flake8's own application in this process,
and file by file as an editor hands them over (the buffer under its display name). The
findings must equal the annotations exactly. A subset also runs as users run it: the flake8
command in a subprocess with two jobs, and through standard input. The default arguments
select every code but FXS011 (which fires on most broad fixtures, and has scenarios of its
own); a scenario may hold ``flake8-args.txt`` (one argument a line) to replace them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flake8_runner import expected_findings, findings, run_flake8, run_flake8_in_process

CASES = Path(__file__).parent / "cases"
SCENARIOS = sorted(p.name for p in CASES.iterdir() if p.is_dir())
# Run as users run it too (the flake8 command, two jobs, standard input): every twelfth
# scenario, and a few whose conftests, plugins and rootdir configs span several folders.
SUBPROCESS_SCENARIOS = sorted(set(SCENARIOS[::12]) | {
    "resolve_rootdir_setup_cfg", "resolve_pytest_plugins_in_root_conftest", "fxs002_fixture_imported_by_name",
} & set(SCENARIOS))


def copy_scenario(name: str, tmp_path: Path) -> Path:
    project = tmp_path / name
    shutil.copytree(CASES / name, project)
    has_config = any((project / f).exists() for f in ("pytest.ini", "pyproject.toml", "tox.ini",
                                                       "setup.cfg", "pytest.toml"))
    if not has_config:
        (project / "pytest.ini").write_text("[pytest]\n")
    return project


def scenario_args(project: Path) -> list[str]:
    args_file = project / "flake8-args.txt"
    if args_file.exists():
        return [a for a in args_file.read_text().splitlines() if a.strip()]
    return ["--select", "FXS", "--extend-ignore", "FXS011"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario(scenario: str, tmp_path: Path) -> None:
    project = copy_scenario(scenario, tmp_path)
    output = run_flake8_in_process(project, [*scenario_args(project), "."])
    assert findings(output) == expected_findings(project), output


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_as_editor_buffers(scenario: str, tmp_path: Path) -> None:
    """Each file's text on standard input under its relative display name, as editors run it."""
    project = copy_scenario(scenario, tmp_path)
    expected = expected_findings(project)
    for path in sorted(project.rglob("*.py")):
        relative = path.relative_to(project).as_posix()
        output = run_flake8_in_process(
            project, [*scenario_args(project), "--stdin-display-name", relative, "-"],
            stdin=path.read_bytes(),
        )
        assert findings(output) == {f for f in expected if f[0] == relative}, relative


@pytest.mark.parametrize("scenario", SUBPROCESS_SCENARIOS)
def test_scenario_subprocess(scenario: str, tmp_path: Path) -> None:
    project = copy_scenario(scenario, tmp_path)
    result = run_flake8(project, [*scenario_args(project), "--jobs=2", "."])
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert findings(result.stdout) == expected_findings(project), result.stdout


@pytest.mark.parametrize("scenario", SUBPROCESS_SCENARIOS)
def test_scenario_through_stdin(scenario: str, tmp_path: Path) -> None:
    project = copy_scenario(scenario, tmp_path)
    expected = expected_findings(project)
    for path in sorted(project.rglob("*.py")):
        relative = path.relative_to(project).as_posix()
        result = run_flake8(
            project,
            [*scenario_args(project), "--stdin-display-name", relative, "-"],
            stdin=path.read_text(encoding="utf-8", errors="replace"),
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert findings(result.stdout) == {f for f in expected if f[0] == relative}, relative
