"""The real pre-commit, with flake8 and this checkout as the hook's dependencies, fails on a finding.

The hook is a ``repo: local`` flake8 hook whose ``additional_dependencies`` name this checkout,
so nothing is fetched from GitHub; pre-commit still installs flake8 and astroid from the
package index into its own environment. Where that index cannot be reached the test is
skipped and says so; every other failure fails it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent

CONFIG = """\
repos:
  - repo: local
    hooks:
      - id: flake8
        name: flake8
        entry: flake8
        language: python
        types: [python]
        additional_dependencies: [flake8, "{checkout}"]
"""

CONFTEST = """\
import pytest


@pytest.fixture(scope="session")
def registry():
    return {"plugins": []}
"""

MUTATING_TEST = """\
def test_register(registry):
    registry["plugins"].append("extra")
    assert registry["plugins"]
"""

COPYING_TEST = """\
def test_register(registry):
    plugins = [*registry["plugins"], "extra"]
    assert plugins
"""

# pip's words when the package index cannot be reached.
_NO_INDEX = (
    "NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
    "Max retries exceeded", "ProxyError", "No matching distribution found",
    "Could not find a version that satisfies",
)
_NOT_THE_PACKAGE = shutil.ignore_patterns(
    ".git", ".ci-venv", ".venv", "tests", "build", "*.egg-info", "__pycache__", ".mypy_cache",
    ".pytest_cache", ".hypothesis",
)


def package_source(tmp_path: Path) -> Path:
    """This checkout without its tests and build folders: pip builds there, not in the checkout."""
    source = tmp_path / "flake8-fixture-scope"
    shutil.copytree(CHECKOUT, source, ignore=_NOT_THE_PACKAGE)
    return source


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=clean_env())


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("GIT_", "FLAKE8", "PRE_COMMIT"))}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "tests").mkdir(parents=True)
    (repo / "pytest.ini").write_text("[pytest]\n")
    (repo / "tests" / "conftest.py").write_text(CONFTEST)
    (repo / "tests" / "test_registry.py").write_text(MUTATING_TEST)
    config = CONFIG.format(checkout=package_source(tmp_path).as_posix())
    (repo / ".pre-commit-config.yaml").write_text(config)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def run_pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**clean_env(), "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color=never"],
        cwd=repo, capture_output=True, text=True, env=env, timeout=900,
    )
    output = result.stdout + result.stderr
    log = home / "pre-commit.log"
    if result.returncode == 3 and log.exists():
        details = log.read_text(errors="replace")
        unreachable = [marker for marker in _NO_INDEX if marker in details]
        if unreachable:
            pytest.skip("pre-commit could not install flake8/astroid into its environment: "
                        f"the package index is not reachable from here (pip: {unreachable[0]})")
        output += details
    return subprocess.CompletedProcess(result.args, result.returncode, output, "")


def test_fxs_finding_fails_the_flake8_hook(repository: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install '.[test]')")
    home = tmp_path / "pre-commit-home"

    failing = run_pre_commit(repository, home)
    (tmp_path / "pre-commit-output.txt").write_text(failing.stdout)

    assert failing.returncode == 1, failing.stdout
    assert "flake8" in failing.stdout and "Failed" in failing.stdout, failing.stdout
    assert "- exit code: 1" in failing.stdout, failing.stdout
    finding = ("tests/test_registry.py:2:5: FXS002 .append() mutates 'registry[\"plugins\"]', "
               "the value of session-scoped fixture 'registry' (tests/conftest.py:4)")
    assert finding in failing.stdout, failing.stdout
    reported = [line for line in failing.stdout.splitlines() if ": FXS" in line or ": E" in line
                or ": W" in line or ": F" in line]
    assert len(reported) == 1, reported

    (repository / "tests" / "test_registry.py").write_text(COPYING_TEST)
    git(repository, "add", ".")
    passing = run_pre_commit(repository, home)
    assert passing.returncode == 0, passing.stdout
    assert "Passed" in passing.stdout, passing.stdout
