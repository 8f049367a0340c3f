"""The plugin reads the code it checks and never imports or runs it.

Every module of the linted project (conftests, a plugin module named in ``pytest_plugins``, a
helper the test passes a fixture value to, a package, the test module itself) writes a canary
file the moment it is imported. flake8 with the plugin must report the leak that goes through
the helper, which proves the helper's source was read, and no canary may exist afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_runner import findings, run_flake8


def tripwire(canary: Path) -> str:
    return f"open({str(canary)!r}, 'w').close()\n"


def write_project(project: Path, canaries: Path) -> None:
    modules = {
        "conftest.py": "pytest_plugins = ['shared_plugin']\n",
        "shared_plugin.py": (
            "import pytest\n\n\n@pytest.fixture(scope='session')\ndef settings():\n"
            "    return {'debug': False}\n"
        ),
        "tests/conftest.py": "import pytest\n",
        "tests/helpers.py": "def enable_debug(config):\n    config['debug'] = True\n",
        "tests/pkg/__init__.py": "VALUE = 1\n",
        "tests/test_settings.py": (
            "from helpers import enable_debug\nfrom pkg import VALUE\n\n\n"
            "def test_debug(settings):\n    enable_debug(settings)\n    assert VALUE\n"
        ),
    }
    (project / "pytest.ini").write_text("[pytest]\n")
    for number, (relative, source) in enumerate(sorted(modules.items())):
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tripwire(canaries / f"imported-{number}") + source)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_linting_imports_nothing(jobs: str, tmp_path: Path) -> None:
    project, canaries = tmp_path / "project", tmp_path / "canaries"
    project.mkdir()
    canaries.mkdir()
    write_project(project, canaries)
    result = run_flake8(project, ["--select", "FXS001", f"--jobs={jobs}", "."])
    assert "Traceback" not in result.stderr, result.stderr
    assert findings(result.stdout) == {("tests/test_settings.py", 7, "FXS001")}, result.stdout
    assert sorted(p.name for p in canaries.iterdir()) == []
