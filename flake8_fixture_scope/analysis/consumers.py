"""Who receives fixture values in a module: tests (pytest's default discovery) and fixtures."""

from __future__ import annotations

import configparser
import fnmatch
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from astroid import nodes

from ..project import PROJECT, UNNAMED_BUFFER
from .fixtures import Fixture, Scope, requested_params

XUNIT_SETUPS = frozenset(
    {"setup_module", "setup_function", "setup_method", "setup_class", "setUp", "setUpClass",
     "setUpModule", "setup"}
)
XUNIT_TEARDOWNS = {
    "setup_module": "teardown_module", "setup_function": "teardown_function",
    "setup_method": "teardown_method", "setup_class": "teardown_class", "setUp": "tearDown",
    "setUpClass": "tearDownClass", "setUpModule": "tearDownModule", "setup": "teardown",
}
XUNIT_TEARDOWN_NAMES = frozenset(XUNIT_TEARDOWNS.values())


@dataclass(frozen=True)
class Consumer:
    """A test or fixture function, with what pytest would hand its parameters."""

    func: nodes.FunctionDef
    cls: nodes.ClassDef | None
    scope: Scope
    fixture: Fixture | None = None  # set when the consumer is itself a fixture
    is_test: bool = False

    @cached_property
    def params(self) -> list[nodes.AssignName]:
        return requested_params(self.func, is_method=self.cls is not None)

    @cached_property
    def cls_key(self) -> str | None:
        return class_key(self.cls)

    @property
    def kind(self) -> str:
        return "test" if self.is_test else "fixture"


def is_test_name(name: str) -> bool:
    return name.startswith("test")


def is_test_class(cls: nodes.ClassDef) -> bool:
    """A class pytest collects: a unittest TestCase of any name, or ``Test*`` without __init__."""
    if is_unittest_case(cls):
        return True
    return cls.name.startswith("Test") and "__init__" not in cls.locals


def is_unittest_case(cls: nodes.ClassDef) -> bool:
    if any(base.as_string().endswith("TestCase") for base in cls.bases):
        return True
    try:
        return any(ancestor.name.endswith("TestCase") for ancestor in cls.ancestors())
    except Exception:  # ancestors() infers the bases
        return False


def class_key(cls: nodes.ClassDef | None) -> str | None:
    """The class's dotted name within its module (``Outer.Inner``), as the fixture index keys it."""
    names: list[str] = []
    node: nodes.NodeNG | None = cls
    while isinstance(node, nodes.ClassDef):
        names.insert(0, node.name)
        node = node.parent.scope() if node.parent is not None else None
    return ".".join(names) or None


FixtureAt = Callable[[nodes.FunctionDef], "Fixture | None"]


def find_consumers(module: nodes.Module, fixture_at: FixtureAt) -> Iterator[Consumer]:
    """Tests and fixtures of the module; ``fixture_at`` tells (from the index) which are fixtures.

    In a file pytest does not collect (its name matches no ``python_files`` pattern), ``test*``
    functions are not tests; if it has any, it is an example script (a pytester input), and its
    fixtures do not run in this suite either. Other such files (plugins) keep their fixtures.
    """
    path = module.file or ""
    if os.path.basename(path) == "conftest.py" or is_collected(path):
        yield from _consumers_in(module, None, fixture_at)
        return
    if any(isinstance(s, nodes.FunctionDef) and is_test_name(s.name) for s in module.body):
        return
    yield from (c for c in _consumers_in(module, None, fixture_at) if not c.is_test)


_DEFAULT_PYTHON_FILES = ("test_*.py", "*_test.py")
_PYTHON_FILES: dict[str, tuple[str, ...]] = {}
_CAPTURES: dict[str, bool] = {}


def is_collected(path: str) -> bool:
    """Whether pytest collects ``path`` as a test module, by the rootdir's ``python_files``."""
    folder = os.path.dirname(os.path.abspath(path))
    rootdir = PROJECT.rootdir(folder)
    if rootdir not in _PYTHON_FILES:
        _PYTHON_FILES[rootdir] = _configured_words(rootdir, "python_files") or _DEFAULT_PYTHON_FILES
    base = os.path.basename(path)
    if base == UNNAMED_BUFFER and not os.path.exists(path):
        return True  # standard input without a display name: the user's buffer, taken as a test module
    return any(fnmatch.fnmatch(base, pattern) for pattern in _PYTHON_FILES[rootdir])


def captures_output(path: str) -> bool:
    """Whether pytest captures output for the tests of ``path``: it does unless the rootdir's
    ``addopts`` turns capture off. Capturing, it puts ``sys.stdout`` and ``sys.stderr`` back
    after every set-up, call and teardown (``sys.stdin`` only when the session ends)."""
    rootdir = PROJECT.rootdir(os.path.dirname(os.path.abspath(path)))
    if rootdir not in _CAPTURES:
        words = _configured_words(rootdir, "addopts")
        pairs = {" ".join(words[i:i + 2]) for i in range(len(words))}
        _CAPTURES[rootdir] = not ({"-s", "--capture=no", "-pno:capture"} & set(words)
                                  or {"--capture no", "-p no:capture"} & pairs)
    return _CAPTURES[rootdir]


def _configured_words(rootdir: str, option: str) -> tuple[str, ...]:
    """The words of a pytest ini option in the rootdir's configuration file, or ()."""
    for name, section in (("pytest.ini", "pytest"), (".pytest.ini", "pytest"), ("tox.ini", "pytest"),
                          ("setup.cfg", "tool:pytest")):
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(os.path.join(rootdir, name), encoding="utf-8")
            value = parser.get(section, option, fallback="")
        except Exception:
            continue
        if value.strip():
            return tuple(value.split())
    try:
        with open(os.path.join(rootdir, "pyproject.toml"), "rb") as handle:
            options = tomllib.load(handle).get("tool", {}).get("pytest", {})
    except Exception:
        return ()
    value = options.get("ini_options", {}).get(option, options.get(option, ""))
    return tuple(value.split() if isinstance(value, str) else (str(v) for v in value))


def _consumers_in(container: nodes.Module | nodes.ClassDef, cls: nodes.ClassDef | None,
                  fixture_at: FixtureAt) -> Iterator[Consumer]:
    for statement in container.body:
        if isinstance(statement, nodes.ClassDef):
            yield from _consumers_in(statement, statement, fixture_at)
        elif isinstance(statement, nodes.FunctionDef):
            fixture = fixture_at(statement)
            if fixture is not None:
                if fixture.scope is not None:
                    yield Consumer(statement, cls, fixture.scope, fixture)
            elif is_test_name(statement.name) and (cls is None or is_test_class(cls)):
                yield Consumer(statement, cls, Scope.FUNCTION, is_test=True)


def find_xunit_methods(module: nodes.Module,
                       names: frozenset[str] = XUNIT_SETUPS) -> Iterator[nodes.FunctionDef]:
    """setup_* / setUp functions and methods (or the teardowns, given their ``names``),
    module level and in test classes."""
    for statement in module.body:
        if isinstance(statement, nodes.FunctionDef) and statement.name in names:
            yield statement
        elif isinstance(statement, nodes.ClassDef):
            for member in statement.body:
                if isinstance(member, nodes.FunctionDef) and member.name in names:
                    yield member
