"""The resolver: which definition pytest hands a parameter, read from files, nearest first."""

from __future__ import annotations

import ast
from pathlib import Path

import astroid
import pytest
from astroid import nodes

from flake8_fixture_scope.analysis.fixtures import Scope, parametrized_names, requested_params
from flake8_fixture_scope.model.fixture import Fixture
from flake8_fixture_scope.model.index import index_file, read_module
from flake8_fixture_scope.model.resolve import FixtureResolver
from flake8_fixture_scope.project import ProjectFiles


def fixture_source(*definitions: tuple[str, str | None]) -> str:
    """A module defining one fixture per (name, scope) pair."""
    parts = ["import pytest\n"]
    for name, scope in definitions:
        arguments = f'scope="{scope}"' if scope else ""
        parts.append(f"\n\n@pytest.fixture({arguments})\ndef {name}():\n    return {{}}\n")
    return "".join(parts)


def write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def resolver_for(path: Path, configured: dict[str, Scope] | None = None) -> FixtureResolver:
    project = ProjectFiles()
    project.remember_roots(str(path))
    index = index_file(str(path), project)
    assert index is not None
    return FixtureResolver(index, configured or {}, project=project)


def read_fixtures(source: str) -> dict[str, Fixture]:
    return dict(read_module(ast.parse(source), "conftest.py").fixtures)


def where(resolver: FixtureResolver, name: str, cls: str | None = None) -> tuple[str, Scope | None]:
    fixture = resolver.resolve(name, cls)
    assert fixture is not None, name
    return fixture.path, fixture.scope


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    write(tmp_path, {
        "pytest.ini": "[pytest]\n",
        "conftest.py": fixture_source(("cfg", "session"), ("top_only", "module")),
        "sub/conftest.py": fixture_source(("cfg", None)),
        "sub/test_sub.py": "def test_it(cfg):\n    pass\n",
        "test_top.py": "def test_it(cfg):\n    pass\n",
    })
    return tmp_path


def test_nearest_conftest_wins(chain: Path) -> None:
    assert where(resolver_for(chain / "sub" / "test_sub.py"), "cfg") == (
        str(chain / "sub" / "conftest.py"), Scope.FUNCTION)


def test_parent_conftest_applies_below(chain: Path) -> None:
    resolver = resolver_for(chain / "sub" / "test_sub.py")
    assert where(resolver, "top_only") == (str(chain / "conftest.py"), Scope.MODULE)


def test_deeper_conftest_does_not_apply_above(chain: Path) -> None:
    assert where(resolver_for(chain / "test_top.py"), "cfg") == (str(chain / "conftest.py"), Scope.SESSION)


def test_self_request_gets_the_next_outer_definition(chain: Path) -> None:
    resolver = resolver_for(chain / "sub" / "test_sub.py")
    inner = resolver.resolve("cfg")
    outer = resolver.resolve("cfg", requester=inner)
    assert inner is not None and outer is not None
    assert (outer.path, outer.scope) == (str(chain / "conftest.py"), Scope.SESSION)
    assert resolver.resolve("cfg", requester=outer) is None


def test_module_then_class_override(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": "[pytest]\n",
        "conftest.py": fixture_source(("cfg", "session")),
        "test_override.py": fixture_source(("cfg", "module"))
        + "\n\nclass TestIt:\n    @pytest.fixture\n    def cfg(self):\n        return {}\n",
    })
    path = tmp_path / "test_override.py"
    resolver = resolver_for(path)
    assert where(resolver, "cfg") == (str(path), Scope.MODULE)
    assert where(resolver, "cfg", "TestIt") == (str(path), Scope.FUNCTION)


@pytest.mark.parametrize(
    ("config_file", "text"),
    [
        ("pytest.ini", "[pytest]\n"),
        ("pyproject.toml", "[tool.pytest.ini_options]\naddopts = '-q'\n"),
        ("pyproject.toml", "[tool.pytest]\naddopts = ['-q']\n"),
        ("tox.ini", "[tox]\nenvlist = py3\n\n[pytest]\naddopts = -q\n"),
        ("setup.cfg", "[metadata]\nname = x\n\n[tool:pytest]\naddopts = -q\n"),
    ],
)
def test_rootdir_config_files(tmp_path: Path, config_file: str, text: str) -> None:
    write(tmp_path, {"project/" + config_file: text, "project/tests/test_x.py": ""})
    project = ProjectFiles()
    assert project.rootdir(str(tmp_path / "project" / "tests")) == str(tmp_path / "project")


@pytest.mark.parametrize(
    ("config_file", "text"),
    [
        ("pyproject.toml", "[tool.black]\nline-length = 100\n"),
        ("tox.ini", "[tox]\nenvlist = py3\n"),
        ("setup.cfg", "[flake8]\nmax-line-length = 100\n"),
    ],
)
def test_config_files_without_a_pytest_section_are_no_rootdir(tmp_path: Path, config_file: str,
                                                              text: str) -> None:
    write(tmp_path, {"pytest.ini": "[pytest]\n", "project/" + config_file: text})
    assert ProjectFiles().rootdir(str(tmp_path / "project")) == str(tmp_path)


def test_conftest_above_the_rootdir_is_ignored(tmp_path: Path) -> None:
    write(tmp_path, {
        "conftest.py": fixture_source(("above", "session")),
        "project/pytest.ini": "[pytest]\n",
        "project/conftest.py": fixture_source(("inside", "session")),
        "project/tests/test_x.py": "",
    })
    path = tmp_path / "project" / "tests" / "test_x.py"
    assert ProjectFiles().conftest_paths(str(path)) == [str(tmp_path / "project" / "conftest.py")]
    resolver = resolver_for(path)
    assert resolver.resolve("above") is None
    assert resolver.resolve("inside") is not None


def test_pytest_plugins_of_the_root_conftest(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": "[pytest]\n",
        "conftest.py": 'pytest_plugins = ["helpers.plugin"]\n',
        "helpers/__init__.py": "",
        "helpers/plugin.py": fixture_source(("registry", "session")),
        "tests/test_x.py": "",
    })
    assert where(resolver_for(tmp_path / "tests" / "test_x.py"), "registry") == (
        str(tmp_path / "helpers" / "plugin.py"), Scope.SESSION)


def test_fixture_imported_by_name(tmp_path: Path) -> None:
    write(tmp_path, {
        "pytest.ini": "[pytest]\n",
        "tests/__init__.py": "",
        "tests/fixtures.py": fixture_source(("db", "session"), ("store", "session")),
        "tests/test_x.py": "from .fixtures import db\n",
    })
    resolver = resolver_for(tmp_path / "tests" / "test_x.py")
    assert where(resolver, "db") == (str(tmp_path / "tests" / "fixtures.py"), Scope.SESSION)
    assert resolver.resolve("store") is None


def test_builtins_then_configured_scopes(tmp_path: Path) -> None:
    write(tmp_path, {"pytest.ini": "[pytest]\n", "test_x.py": ""})
    resolver = resolver_for(tmp_path / "test_x.py", {"private": Scope.MODULE, "tmp_path": Scope.SESSION})
    assert where(resolver, "tmp_path_factory") == ("<pytest built-in>", Scope.SESSION)
    assert where(resolver, "tmp_path") == ("<pytest built-in>", Scope.FUNCTION)
    assert where(resolver, "private") == ("<fxs-fixture-scopes>", Scope.MODULE)
    assert resolver.resolve("nowhere") is None


def test_name_keyword_registers_only_that_name() -> None:
    fixtures = read_fixtures(
        'import pytest\n\n@pytest.fixture(scope="session", name="db")\ndef make_db():\n    return {}\n'
    )
    assert list(fixtures) == ["db"]
    assert fixtures["db"].scope == Scope.SESSION


@pytest.mark.parametrize(
    ("decorator", "scope"),
    [
        ("@pytest.fixture", Scope.FUNCTION),
        ('@pytest.fixture(scope="class")', Scope.CLASS),
        ("@fixture(scope=SCOPE)", Scope.MODULE),
        ("@session_fixture", Scope.SESSION),
        ('@pytest.fixture(scope="sess" + "ion")', Scope.SESSION),
        ('@pytest_asyncio.fixture(scope="package")', Scope.PACKAGE),
        ("@pytest.fixture(scope=choose)", None),
    ],
)
def test_decorator_forms_and_scopes(decorator: str, scope: Scope | None) -> None:
    source = (
        "import pytest\nimport pytest_asyncio\nfrom pytest import fixture\n"
        'SCOPE = "module"\nsession_fixture = pytest.fixture(scope="session")\n'
        "def choose(fixture_name, config):\n    return 'session'\n"
        f"{decorator}\ndef value():\n    return {{}}\n"
    )
    assert read_fixtures(source)["value"].scope == scope


def test_parametrized_and_defaulted_parameters_are_not_requests() -> None:
    func = astroid.extract_node(
        "import pytest\n"
        '@pytest.mark.parametrize("cfg, n", [({}, 1)])\n'
        "def test_it(cfg, n, db, flag=False, *, key, option=None):  #@\n"
        "    pass\n"
    )
    assert isinstance(func, nodes.FunctionDef)
    assert [param.name for param in requested_params(func, is_method=False)] == ["cfg", "n", "db", "key"]
    assert parametrized_names(func) == {"cfg", "n"}


def test_positional_only_self_and_patch_parameters_are_not_requests() -> None:
    module = astroid.parse(
        "from unittest import mock\n"
        "def helper(db, /, other):\n    pass\n"
        "class TestIt:\n"
        '    @mock.patch("os.getcwd")\n'
        "    def test_it(self, getcwd, cfg):\n        pass\n"
    )
    helper = module.body[1]
    method = module.body[2].body[0]
    assert [param.name for param in requested_params(helper, is_method=False)] == ["other"]
    assert [param.name for param in requested_params(method, is_method=True)] == ["cfg"]


def test_indirect_parametrize_leaves_the_fixture() -> None:
    func = astroid.extract_node(
        "import pytest\n"
        '@pytest.mark.parametrize("cfg", ["a"], indirect=True)\n'
        '@pytest.mark.parametrize("db, n", [(1, 2)], indirect=["db"])\n'
        "def test_it(cfg, db, n):  #@\n"
        "    pass\n"
    )
    assert parametrized_names(func) == {"n"}
