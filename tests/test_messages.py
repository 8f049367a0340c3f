"""The exact text users read for FXS001, FXS002 and FXS003, one flake8 output line each."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_runner import run_flake8

CONFTEST = '''import pytest


@pytest.fixture(scope="session")
def db():
    return {"users": ["ann"], "settings": {"debug": False}}


class Service:
    timeout = 1


@pytest.fixture(scope="module")
def service():
    return Service()
'''

HELPERS = '''def disable(settings):
    settings["debug"] = False
'''

TESTS = '''from tests.helpers import disable


def test_settings(db):
    db["settings"]["debug"] = True


def test_remove(db):
    db["users"].remove("ann")


def test_timeout(service):
    service.timeout = 5


def test_disable(db):
    disable(db["settings"])
'''

REMEDY = "later tests see the change: copy it in a function-scoped fixture or narrow the scope"


@pytest.fixture(scope="module")
def output_lines(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    tmp_path: Path = tmp_path_factory.mktemp("messages")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "conftest.py").write_text(CONFTEST)
    (tmp_path / "tests" / "helpers.py").write_text(HELPERS)
    (tmp_path / "tests" / "test_users.py").write_text(TESTS)
    result = run_flake8(tmp_path, ["--select", "FXS001,FXS002,FXS003", "tests/test_users.py"])
    assert result.returncode == 1, result.stderr
    return result.stdout.splitlines()


def test_item_mutation_message(output_lines: list[str]) -> None:
    assert output_lines[0] == (
        "tests/test_users.py:5:5: FXS001 item assignment mutates 'db[\"settings\"]', the value of "
        f"session-scoped fixture 'db' (tests/conftest.py:4); {REMEDY}"
    )


def test_method_mutation_message(output_lines: list[str]) -> None:
    assert output_lines[1] == (
        "tests/test_users.py:9:5: FXS002 .remove() mutates 'db[\"users\"]', the value of "
        f"session-scoped fixture 'db' (tests/conftest.py:4); {REMEDY}"
    )


def test_attribute_mutation_message(output_lines: list[str]) -> None:
    assert output_lines[2] == (
        "tests/test_users.py:13:5: FXS003 attribute assignment mutates 'service', the value of "
        f"module-scoped fixture 'service' (tests/conftest.py:13); {REMEDY}"
    )


def test_helper_call_message_names_the_helper_and_its_line(output_lines: list[str]) -> None:
    assert output_lines[3] == (
        "tests/test_users.py:17:5: FXS001 calling 'disable()' (item assignment at "
        "tests/helpers.py:2) mutates 'db[\"settings\"]', the value of session-scoped fixture 'db' "
        f"(tests/conftest.py:4); {REMEDY}"
    )
    assert len(output_lines) == 4


# ---------------------------------------------------------------------- module state (FXS020, FXS023)
CASES = Path(__file__).parent / "cases"
MESSAGE_CASES = sorted(p.parent.name for p in CASES.glob("*/expected-messages.txt"))

STATE_TESTS = '''import os
import sys

import pytest


def test_undone_at_the_end():
    os.environ["APP_MODE"] = "fast"
    assert os.environ["APP_MODE"] == "fast"
    del os.environ["APP_MODE"]


@pytest.fixture(scope="session", autouse=True)
def session_path():
    sys.path.append("/opt/tools")
'''


def test_expected_message_parts(tmp_path: Path) -> None:
    """Scenario folders with ``expected-messages.txt``: ``path:line:substring`` lines."""
    import shutil

    from flake8_runner import run_flake8_in_process

    for name in MESSAGE_CASES:
        project = tmp_path / name
        shutil.copytree(CASES / name, project)
        (project / "pytest.ini").write_text("[pytest]\n")
        output = run_flake8_in_process(project, ["--select", "FXS", "--extend-ignore", "FXS011", "."])
        lines = [line.removeprefix("./") for line in output.splitlines()]
        for expected in (project / "expected-messages.txt").read_text().splitlines():
            if not expected.strip() or expected.startswith("#"):
                continue
            path, line, part = expected.split(":", 2)
            found = [out for out in lines if out.startswith(f"{path}:{line}:")]
            assert any(part in out for out in found), (name, expected, found)


def test_module_state_messages(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_state.py").write_text(STATE_TESTS)
    result = run_flake8(tmp_path, ["--select", "FXS020,FXS023", "tests/test_state.py"])
    assert result.stdout.splitlines() == [
        "tests/test_state.py:8:5: FXS023 item assignment changes module-level 'os.environ[\"APP_MODE\"]' "
        "and line 10 puts it back, but not in a finally block: if the test fails before that line, "
        "later tests see the change: move the undo into a finally block or teardown, or use monkeypatch",
        "tests/test_state.py:15:5: FXS020 .append() changes module-level 'sys.path' and nothing "
        "restores it; later tests see the change: use pytest.MonkeyPatch.context(), or restore it "
        "after the yield or in the teardown",
    ], result.stderr
