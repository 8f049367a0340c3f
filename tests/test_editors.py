"""Editors run flake8 on the unsaved buffer through standard input; the conftests must still count.

The VS Code flake8 extension passes ``--stdin-display-name`` with an absolute path;
python-lsp-server passes a path relative to the workspace root and runs in that root.
The last test drives the real python-lsp-server over stdio, as an editor does.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flake8_runner import run_flake8

CONFTEST = """\
import pytest


@pytest.fixture(scope="session")
def db_conn():
    return {"users": ["alice", "bob"], "settings": {"debug": False}}
"""

SUB_CONFTEST = """\
import pytest


@pytest.fixture(scope="module")
def cache():
    return {}
"""

TEST_FILE = """\
import copy


def test_remove_user(db_conn):
    db_conn["users"].remove("alice")


def test_cache(cache):
    cache["key"] = 1


def test_copy(db_conn):
    users = copy.deepcopy(db_conn["users"])
    users.append("carol")
"""
# (line, code) that TEST_FILE must give: the copy on line 13-14 is not a finding.
EXPECTED_LINES = {(5, "FXS002"), (9, "FXS001")}
TEST_RELATIVE = "tests/sub/test_users.py"

Finding = tuple[int, str, str]  # (line, code, message)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "tests" / "sub").mkdir(parents=True)
    (root / "pytest.ini").write_text("[pytest]\n")
    (root / "tests" / "conftest.py").write_text(CONFTEST)
    (root / "tests" / "sub" / "conftest.py").write_text(SUB_CONFTEST)
    (root / TEST_RELATIVE).write_text(TEST_FILE)
    return root


def fxs_findings(output: str, expected_path: str) -> set[Finding]:
    """FXS findings of flake8's default format, asserting each names ``expected_path``."""
    found: set[Finding] = set()
    for line in output.splitlines():
        path, line_number, _column, rest = line.split(":", 3)
        code, message = rest.strip().split(" ", 1)
        if code.startswith("FXS"):
            assert os.path.normpath(path) == os.path.normpath(expected_path), line
            found.add((int(line_number), code, message))
    return found


def lines_and_codes(found: set[Finding]) -> set[tuple[int, str]]:
    return {(line, code) for line, code, _message in found}


def test_file_run_finds_both_conftests(project: Path) -> None:
    result = run_flake8(project, ["--select", "FXS", TEST_RELATIVE])
    assert result.returncode == 1, result.stderr
    assert lines_and_codes(fxs_findings(result.stdout, TEST_RELATIVE)) == EXPECTED_LINES


@pytest.mark.parametrize("display", ["relative", "absolute"])
def test_stdin_with_display_name_matches_file_run(project: Path, display: str) -> None:
    on_file = run_flake8(project, ["--select", "FXS", TEST_RELATIVE])
    name = TEST_RELATIVE if display == "relative" else str(project / TEST_RELATIVE)
    through_stdin = run_flake8(
        project, ["--select", "FXS", "--stdin-display-name", name, "-"], stdin=TEST_FILE
    )
    assert "Traceback" not in through_stdin.stderr, through_stdin.stderr
    assert through_stdin.returncode == 1
    from_stdin = fxs_findings(through_stdin.stdout, name)
    assert lines_and_codes(from_stdin) == EXPECTED_LINES
    assert from_stdin == fxs_findings(on_file.stdout, TEST_RELATIVE)


def test_absolute_display_name_from_a_parent_workspace(project: Path) -> None:
    """VS Code opened on a folder above the project: the pytest rootdir is still found."""
    workspace = project.parent
    name = str(project / TEST_RELATIVE)
    on_file = run_flake8(workspace, ["--select", "FXS", name])
    through_stdin = run_flake8(
        workspace, ["--select", "FXS", "--stdin-display-name", name, "-"], stdin=TEST_FILE
    )
    assert lines_and_codes(fxs_findings(through_stdin.stdout, name)) == EXPECTED_LINES
    assert fxs_findings(through_stdin.stdout, name) == fxs_findings(on_file.stdout, name)


def test_stdin_buffer_wins_over_the_file_on_disk(project: Path) -> None:
    """The editor's unsaved text is what is checked, not the saved file."""
    (project / TEST_RELATIVE).write_text("def test_nothing(db_conn):\n    assert db_conn\n")
    result = run_flake8(
        project, ["--select", "FXS", "--stdin-display-name", TEST_RELATIVE, "-"], stdin=TEST_FILE
    )
    assert lines_and_codes(fxs_findings(result.stdout, TEST_RELATIVE)) == EXPECTED_LINES


def test_clean_buffer_through_stdin_reports_nothing(project: Path) -> None:
    clean = "def test_read(db_conn, cache):\n    assert db_conn['users'] and not cache\n"
    result = run_flake8(
        project, ["--select", "FXS", "--stdin-display-name", TEST_RELATIVE, "-"], stdin=clean
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_stdin_without_display_name_is_checked_in_the_working_folder(project: Path) -> None:
    """Without a name flake8 says ``stdin``; the buffer is taken to live in the working folder."""
    folder = project / "tests"
    result = run_flake8(folder, ["--select", "FXS", "-"], stdin=TEST_FILE)
    assert "Traceback" not in result.stderr, result.stderr
    # The working folder holds only the outer conftest: 'cache' is unknown there.
    assert lines_and_codes(fxs_findings(result.stdout, "stdin")) == {(5, "FXS002")}


def test_stdin_without_display_name_outside_any_project_does_not_crash(tmp_path: Path) -> None:
    result = run_flake8(tmp_path, ["--select", "FXS", "-"], stdin=TEST_FILE)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# --- python-lsp-server, end to end -------------------------------------------------------

LSP_TIMEOUT = 60.0


class LanguageServer:
    """A python-lsp-server process spoken to over stdio with Content-Length framing."""

    def __init__(self, workspace: Path, stderr_path: Path) -> None:
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pylsp"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, cwd=workspace,
        )
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0
        threading.Thread(target=self._read_messages, daemon=True).start()

    def _read_messages(self) -> None:
        assert self.process.stdout is not None
        stream = self.process.stdout
        try:
            while True:
                length = None
                while True:
                    header = stream.readline()
                    if not header:
                        return
                    header = header.strip()
                    if not header:
                        break
                    name, _, value = header.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    continue
                self._messages.put(json.loads(stream.read(length).decode("utf-8")))
        finally:
            self._messages.put(None)

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self._next_id += 1
        request_id = self._next_id
        self.send({"id": request_id, "method": method, "params": params})
        for message in self.messages(LSP_TIMEOUT):
            if message.get("id") == request_id and "method" not in message:
                return message
        raise AssertionError(f"no answer to {method} within {LSP_TIMEOUT} s")

    def messages(self, timeout: float) -> Iterator[dict[str, Any]]:
        """Messages from the server until ``timeout``; server requests get a null answer."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self._messages.get(timeout=left)
            except queue.Empty:
                return
            if message is None:
                raise AssertionError(f"pylsp exited with {self.process.poll()}")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
                continue
            yield message

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", {})
                self.notify("exit", {})
                self.process.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self._stderr.close()


@pytest.fixture
def language_server(project: Path, tmp_path: Path) -> Iterator[LanguageServer]:
    pytest.importorskip("pylsp", reason="python-lsp-server is not installed (pip install '.[test]')")
    server = LanguageServer(project, tmp_path / "pylsp-stderr.log")
    try:
        yield server
    finally:
        server.close()


def flake8_settings() -> dict[str, Any]:
    flake8 = Path(sys.executable).with_name("flake8.exe" if os.name == "nt" else "flake8")
    assert flake8.exists(), f"no flake8 executable next to {sys.executable}"
    return {"pylsp": {"plugins": {
        "flake8": {"enabled": True, "executable": str(flake8)},
        "pycodestyle": {"enabled": False},
        "pyflakes": {"enabled": False},
        "mccabe": {"enabled": False},
    }}}


def published_fxs_diagnostics(server: LanguageServer, uri: str) -> list[dict[str, Any]]:
    """The first diagnostics for ``uri`` that hold an FXS code (pylsp publishes per lint run)."""
    for message in server.messages(LSP_TIMEOUT):
        if message.get("method") != "textDocument/publishDiagnostics":
            continue
        params = message["params"]
        fxs = [d for d in params["diagnostics"] if str(d.get("code", "")).startswith("FXS")]
        if params["uri"] == uri and fxs:
            return fxs
    raise AssertionError(f"no FXS diagnostics for {uri} within {LSP_TIMEOUT} s")


def test_python_lsp_server_publishes_fxs_diagnostics(
    project: Path, language_server: LanguageServer, tmp_path: Path
) -> None:
    document = project / TEST_RELATIVE
    answer = language_server.request("initialize", {
        "processId": os.getpid(),
        "rootUri": project.as_uri(),
        "rootPath": str(project),
        "capabilities": {},
        "initializationOptions": {},
    })
    assert "capabilities" in answer.get("result", {}), answer
    language_server.notify("initialized", {})
    language_server.notify("workspace/didChangeConfiguration", {"settings": flake8_settings()})
    language_server.notify("textDocument/didOpen", {"textDocument": {
        "uri": document.as_uri(), "languageId": "python", "version": 1, "text": TEST_FILE,
    }})

    diagnostics = published_fxs_diagnostics(language_server, document.as_uri())

    (tmp_path / "pylsp-diagnostics.json").write_text(json.dumps(diagnostics, indent=2))
    # LSP lines are 0-based: flake8's line 5 is LSP line 4.
    found = {(d["range"]["start"]["line"], d["code"]) for d in diagnostics}
    assert found == {(line - 1, code) for line, code in EXPECTED_LINES}
    removal = next(d for d in diagnostics if d["code"] == "FXS002")
    assert removal["source"] == "flake8"
    assert removal["range"]["start"]["character"] == 4
    assert "session-scoped fixture 'db_conn' (tests/conftest.py:4)" in removal["message"]
