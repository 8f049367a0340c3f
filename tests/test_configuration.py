"""How users configure the plugin through flake8: noqa, per-file-ignores, selection, fxs-* options."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

import flake8_fixture_scope
from flake8_runner import Finding, findings, run_flake8

OPTION_NAMES = ("fxs-fixture-scopes", "fxs-mutating-methods", "fxs-broad-scopes",
                "fxs-allow-mutation")
CONFIG_FILES = ("setup.cfg", "tox.ini", ".flake8")

SHARED_CONFTEST = """\
import pytest


@pytest.fixture(scope="session")
def shared():
    return {"a": 1, "items": []}
"""


def make_project(root: Path, files: Mapping[str, str]) -> Path:
    (root / "pytest.ini").write_text("[pytest]\n")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def fxs_findings(project: Path, *args: str) -> set[Finding]:
    result = run_flake8(project, [*args, "."])
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    return findings(result.stdout)


# --- noqa and per-file-ignores ------------------------------------------------------------

NOQA_TEST = """\
def test_silenced(shared):
    shared["a"] = 1  # noqa: FXS001


def test_other_code_in_noqa(shared):
    shared["a"] = 2  # noqa: FXS002


def test_prefix_noqa(shared):
    shared["a"] = 3  # noqa: F


def test_list_noqa(shared):
    shared["items"].append(4)  # noqa: E501,FXS002


def test_not_silenced(shared):
    shared["a"] = 5
"""


def test_noqa_silences_only_the_named_code(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"tests/conftest.py": SHARED_CONFTEST,
                                      "tests/test_noqa.py": NOQA_TEST})
    assert fxs_findings(project) == {
        ("tests/test_noqa.py", 6, "FXS001"),
        ("tests/test_noqa.py", 18, "FXS001"),
    }


def test_without_noqa_every_line_is_reported(tmp_path: Path) -> None:
    """The look-alike of the noqa test: the same file without comments gives all five."""
    bare = "\n".join(line.split("  # noqa")[0] for line in NOQA_TEST.splitlines()) + "\n"
    project = make_project(tmp_path, {"tests/conftest.py": SHARED_CONFTEST,
                                      "tests/test_noqa.py": bare})
    assert fxs_findings(project) == {
        ("tests/test_noqa.py", 2, "FXS001"),
        ("tests/test_noqa.py", 6, "FXS001"),
        ("tests/test_noqa.py", 10, "FXS001"),
        ("tests/test_noqa.py", 14, "FXS002"),
        ("tests/test_noqa.py", 18, "FXS001"),
    }


IGNORED_TEST = """\
def test_item(shared):
    shared["a"] = 1


def test_method(shared):
    shared["items"].append(1)
"""


@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_per_file_ignores(tmp_path: Path, config_file: str) -> None:
    config = "[flake8]\nper-file-ignores =\n    tests/test_ignored.py:FXS001\n"
    project = make_project(tmp_path, {
        "tests/conftest.py": SHARED_CONFTEST,
        "tests/test_ignored.py": IGNORED_TEST,
        "tests/test_kept.py": IGNORED_TEST,
        config_file: config,
    })
    assert fxs_findings(project) == {
        ("tests/test_ignored.py", 6, "FXS002"),
        ("tests/test_kept.py", 2, "FXS001"),
        ("tests/test_kept.py", 6, "FXS002"),
    }


# --- codes off by default -----------------------------------------------------------------

OFF_BY_DEFAULT_CONFTEST = """\
import pytest


@pytest.fixture(scope="session")
def names():
    return ["alice", "bob"]


@pytest.fixture(scope="session")
def log_file(tmp_path_factory):
    return open(tmp_path_factory.mktemp("logs") / "run.log", "w")
"""

OFF_BY_DEFAULT_TEST = """\
import pytest


@pytest.mark.parametrize("config", [{"debug": False}])
def test_debug(config):
    config["debug"] = True


def test_names(names, log_file):
    names.append("carol")
"""

ON_BY_DEFAULT = {("tests/test_off.py", 10, "FXS002")}
FXS004 = ("tests/test_off.py", 6, "FXS004")
FXS011 = ("tests/conftest.py", 6, "FXS011")
FXS030 = ("tests/conftest.py", 11, "FXS030")


@pytest.fixture
def off_by_default_project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"tests/conftest.py": OFF_BY_DEFAULT_CONFTEST,
                                   "tests/test_off.py": OFF_BY_DEFAULT_TEST})


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ON_BY_DEFAULT),
        (("--select", "FXS"), ON_BY_DEFAULT | {FXS004, FXS011, FXS030}),
        (("--extend-select", "FXS011"), ON_BY_DEFAULT | {FXS011}),
        (("--extend-select", "FXS004,FXS030"), ON_BY_DEFAULT | {FXS004, FXS030}),
        (("--select", "FXS0"), ON_BY_DEFAULT | {FXS004, FXS011, FXS030}),
        # flake8 matches by prefix and a plain --ignore replaces the default ignore list:
        # the README warns about each of these.
        (("--ignore", "E501"), ON_BY_DEFAULT | {FXS004, FXS011, FXS030}),
        (("--extend-ignore", "F"), set()),
        (("--select", "E,W,F"), ON_BY_DEFAULT | {FXS004, FXS011, FXS030}),
    ],
    ids=["default", "select-FXS", "extend-select-FXS011", "extend-select-FXS004-FXS030",
         "select-FXS0", "plain-ignore", "extend-ignore-F", "select-E-W-F"],
)
def test_off_by_default_codes(off_by_default_project: Path, args: tuple[str, ...],
                              expected: set[Finding]) -> None:
    assert fxs_findings(off_by_default_project, *args) == expected


def test_extend_select_from_the_config_file(off_by_default_project: Path) -> None:
    (off_by_default_project / ".flake8").write_text("[flake8]\nextend-select = FXS030\n")
    assert fxs_findings(off_by_default_project) == ON_BY_DEFAULT | {FXS030}


# --- fxs-* options ------------------------------------------------------------------------

OPTIONS_CONFTEST = """\
import pytest
from private_driver import connect


@pytest.fixture(scope="session")
def shared():
    return {"a": 1}


@pytest.fixture(scope="module")
def per_module():
    return {"b": 2}


@pytest.fixture(scope="session")
def connection():
    return connect()
"""

OPTIONS_TEST = """\
def test_private(private_db):
    private_db["x"] = 1


def test_module(per_module):
    per_module["b"] = 3


def test_execute(connection):
    connection.execute("delete")


def test_shared(shared):
    shared["a"] = 2


def test_doctest(doctest_namespace):
    doctest_namespace["np"] = None
"""

WITHOUT_OPTIONS = {
    ("tests/test_options.py", 6, "FXS001"),    # module scope counts as broad
    ("tests/test_options.py", 14, "FXS001"),   # 'shared' is not allowed to change
}
WITH_OPTIONS = {
    ("tests/test_options.py", 2, "FXS001"),    # fxs-fixture-scopes: private_db=session
    ("tests/test_options.py", 10, "FXS002"),   # fxs-mutating-methods: execute
}
# In every case 'doctest_namespace' (built-in allowed list) is never reported: the
# option extends that list, it does not replace it.

OPTION_VALUES = {
    "fxs-fixture-scopes": ["private_db=session", "other_db=module"],
    "fxs-mutating-methods": ["execute", "commit"],
    "fxs-broad-scopes": ["session", "package"],
    "fxs-allow-mutation": ["shared", "registry"],
}


def config_text(style: str) -> str:
    lines = ["[flake8]"]
    for name, values in OPTION_VALUES.items():
        if style == "multi-line":
            lines.append(f"{name} =")
            lines.extend(f"    {value}" for value in values)
        else:
            lines.append(f"{name.replace('-', '_')} = {', '.join(values)}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def options_project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"tests/conftest.py": OPTIONS_CONFTEST,
                                   "tests/test_options.py": OPTIONS_TEST})


def test_without_options(options_project: Path) -> None:
    assert fxs_findings(options_project) == WITHOUT_OPTIONS


def test_options_on_the_command_line(options_project: Path) -> None:
    args = [f"--{name}={','.join(values)}" for name, values in OPTION_VALUES.items()]
    assert fxs_findings(options_project, *args) == WITH_OPTIONS


@pytest.mark.parametrize("style", ["multi-line", "comma-separated"])
@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_options_from_config_files(options_project: Path, config_file: str, style: str) -> None:
    (options_project / config_file).write_text(config_text(style))
    assert fxs_findings(options_project) == WITH_OPTIONS


@pytest.mark.parametrize("option", OPTION_NAMES)
def test_each_option_on_its_own(options_project: Path, option: str) -> None:
    """Each option changes exactly its own part of the findings."""
    changed = {
        "fxs-fixture-scopes": WITHOUT_OPTIONS | {("tests/test_options.py", 2, "FXS001")},
        "fxs-mutating-methods": WITHOUT_OPTIONS | {("tests/test_options.py", 10, "FXS002")},
        "fxs-broad-scopes": WITHOUT_OPTIONS - {("tests/test_options.py", 6, "FXS001")},
        "fxs-allow-mutation": WITHOUT_OPTIONS - {("tests/test_options.py", 14, "FXS001")},
    }
    (options_project / "setup.cfg").write_text(
        f"[flake8]\n{option} = {', '.join(OPTION_VALUES[option])}\n")
    assert fxs_findings(options_project) == changed[option]


@pytest.mark.parametrize(
    ("argument", "option"),
    [
        ("--fxs-fixture-scopes=db=forever", "--fxs-fixture-scopes"),
        ("--fxs-fixture-scopes=db", "--fxs-fixture-scopes"),
        ("--fxs-fixture-scopes=not a name=session", "--fxs-fixture-scopes"),
        ("--fxs-broad-scopes=function", "--fxs-broad-scopes"),
        ("--fxs-broad-scopes=galaxy", "--fxs-broad-scopes"),
        ("--fxs-mutating-methods=not-an-identifier", "--fxs-mutating-methods"),
        ("--fxs-allow-mutation=a.b", "--fxs-allow-mutation"),
    ],
)
def test_bad_option_value_stops_flake8_with_one_line(options_project: Path, argument: str,
                                                     option: str) -> None:
    result = run_flake8(options_project, [argument, "."])
    assert_stopped_with_message(result.returncode, result.stdout, result.stderr, option)


def test_bad_option_value_with_parallel_jobs(options_project: Path) -> None:
    result = run_flake8(options_project, ["--fxs-broad-scopes=function", "--jobs=2", "."])
    assert_stopped_with_message(result.returncode, result.stdout, result.stderr,
                                "--fxs-broad-scopes")


@pytest.mark.parametrize("config_file", CONFIG_FILES)
def test_bad_option_value_in_a_config_file(options_project: Path, config_file: str) -> None:
    (options_project / config_file).write_text("[flake8]\nfxs-broad-scopes = function\n")
    result = run_flake8(options_project, ["."])
    assert_stopped_with_message(result.returncode, result.stdout, result.stderr,
                                "--fxs-broad-scopes")


def assert_stopped_with_message(returncode: int, stdout: str, stderr: str, option: str) -> None:
    assert returncode not in (0, None)
    assert stdout == ""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("flake8-fixture-scope: bad value for " + option + ":"), stderr


# --- what flake8 tells about the plugin --------------------------------------------------

def test_version_lists_the_plugin(tmp_path: Path) -> None:
    result = run_flake8(tmp_path, ["--version"])
    assert result.returncode == 0, result.stderr
    assert f"flake8-fixture-scope: {flake8_fixture_scope.__version__}" in result.stdout


def test_help_lists_the_options(tmp_path: Path) -> None:
    result = run_flake8(tmp_path, ["--help"])
    assert result.returncode == 0, result.stderr
    listed = {word for line in result.stdout.splitlines() for word in line.split()
              if word.startswith("--fxs-")}
    assert listed == {f"--{name}" for name in OPTION_NAMES}
