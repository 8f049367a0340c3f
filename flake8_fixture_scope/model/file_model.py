"""The checked file, read from flake8's own tree: its functions and their roles (test,
fixture, xunit set-up), what each requests, and which questions the file raises at all.

A file whose functions request no broad fixture, write to no module-level state, start no
patch and call no ``getfixturevalue`` raises none: it is never built with astroid.
"""

from __future__ import annotations

import ast
import copy
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..project import PROJECT
from ..settings import Settings
from ..vocabulary import CLASS_SETUPS
from .fixture import Fixture, Scope
from .index import ModuleIndex, definition_line, is_state_returner, is_state_writer
from .resolve import FixtureResolver, base_names
from .top_level import writing_statements
from .state_syntax import FunctionFacts, ModuleLevel, shared_class_attributes, writes_module_state
from .syntax import (
    FunctionNode, import_table, is_parametrize, parametrized_names, pytestmark_values, requested_params,
)

XUNIT_SETUPS = frozenset({"setup_module", "setup_function", "setup_method", "setup_class", "setUp",
                          "setUpClass", "setUpModule", "setup"})
XUNIT_TEARDOWNS = frozenset({"teardown_module", "teardown_function", "teardown_method", "teardown_class",
                             "tearDown", "tearDownClass", "tearDownModule", "teardown"})
BROAD_MOCKERS = frozenset({"session_mocker", "package_mocker", "module_mocker", "class_mocker"})


@dataclass(frozen=True)
class Function:
    """A function of the checked file at module level or in a class (any depth)."""

    node: FunctionNode
    owner: str  # dotted class name, "" at module level
    in_test_class: bool
    fixture: Fixture | None
    params: tuple[str, ...]

    @property
    def line(self) -> int:
        return definition_line(self.node)

    @property
    def is_test(self) -> bool:
        return self.fixture is None and self.node.name.startswith("test") and (
            not self.owner or self.in_test_class)

    @property
    def scope(self) -> Scope | None:
        return self.fixture.scope if self.fixture is not None else Scope.FUNCTION

    @property
    def is_consumer(self) -> bool:
        return self.is_test or (self.fixture is not None and self.fixture.scope is not None)


@dataclass
class Work:
    """What the file asks of the analysis; each family runs only where there is work."""

    shared: set[int] = field(default_factory=set)  # lines of consumers that receive broad values
    module_state: set[int] = field(default_factory=set)  # lines of functions writing module state
    parametrize: bool = False
    mismatch: bool = False
    broad_fixtures: bool = False
    patches: bool = False
    tests: set[int] = field(default_factory=set)  # lines of every test, whether it has work or not
    # Tests without work that read what a function with work writes in this module: the
    # analysis asks whether every reader sets the value first.
    readers: set[int] = field(default_factory=set)
    every_test: bool = False  # a broad fixture of this file changes state: all its tests matter
    top_level: set[int] = field(default_factory=set)  # lines of top-level statements that may write

    def __bool__(self) -> bool:
        return bool(self.shared or self.module_state or self.parametrize or self.mismatch
                    or self.broad_fixtures or self.patches or self.top_level)


def functions(tree: ast.Module, index: ModuleIndex, resolver: FixtureResolver) -> Iterator[Function]:
    imports = import_table(tree.body)
    yield from _functions_in(tree.body, "", False, index, resolver, imports)


def _functions_in(body: list[ast.stmt], owner: str, in_test_class: bool, index: ModuleIndex,
                  resolver: FixtureResolver, imports: dict[str, str]) -> Iterator[Function]:
    fixtures = index.classes[owner].fixtures if owner in index.classes else index.fixtures
    by_line = {f.line: f for f in fixtures.values()}
    for statement in body:
        if isinstance(statement, ast.ClassDef):
            name = f"{owner}.{statement.name}" if owner else statement.name
            yield from _functions_in(statement.body, name, _is_test_class(statement, name, index, resolver),
                                     index, resolver, imports)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            fixture = by_line.get(definition_line(statement))
            params = tuple(requested_params(statement, bool(owner), imports))
            yield Function(statement, owner, in_test_class, fixture, params)


def _is_test_class(cls: ast.ClassDef, name: str, index: ModuleIndex, resolver: FixtureResolver) -> bool:
    info = index.classes.get(name)
    bases = base_names(index, info, resolver.project) if info is not None else []
    if any(base.endswith("TestCase") for base in bases):
        return True
    has_init = any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__init__"
                   for s in cls.body)
    return cls.name.startswith("Test") and not has_init


def work_for(tree: ast.Module, index: ModuleIndex, resolver: FixtureResolver, settings: Settings,
             families: frozenset[str]) -> Work:
    """Which of the selected ``families`` have anything to look at in this file."""
    work = Work()
    if "parametrize values" in families:
        work.parametrize = any(isinstance(n, ast.Call) and is_parametrize(n) for n in ast.walk(tree))
    imports = {**index.star_imported, **import_table(tree.body)}
    module_marks = list(pytestmark_values(tree.body))
    every = list(functions(tree, index, resolver))
    work.tests = {f.line for f in every if f.is_test}
    teardowns = [f for f in every if f.node.name in XUNIT_TEARDOWNS and _may_evict_modules(f.node)]
    every = [f for f in every if f.is_consumer or f.node.name in XUNIT_SETUPS]  # the rest asks nothing
    if "module state" in families:
        work.module_state.update(f.line for f in teardowns)
    facts = {function.line: FunctionFacts(function.node) for function in every}
    if "shared values" in families:
        work.shared = _receiving_broad_values(every, facts, resolver, settings, module_marks)
    level = ModuleLevel(tree, imports)
    level.is_state_writer = _state_writer_lookup(index.path, resolver)
    level.is_state_returner = lambda name: is_state_returner(name, index.path, resolver.project)
    if "module state" in families and os.path.basename(index.path) != "conftest.py":
        work.top_level = writing_statements(tree, level, settings.mutating_methods)
    for function in every:
        node, seen = function.node, facts[function.line]
        if "module state" in families and (function.is_consumer or node.name in XUNIT_SETUPS) \
                and (writes_module_state(seen, level, settings.mutating_methods,
                                         _shared_attributes(function, tree)
                                         | _handed_state(function, resolver))
                     or _may_orphan_a_teardown(function, tree) or _imports_project_code(node)):
            work.module_state.add(function.line)
        fixture = function.fixture
        if fixture is not None and fixture.scope is not None:
            if "scope mismatches" in families and _may_mismatch(function, seen, fixture, resolver):
                work.mismatch = True
            if families & {"mutable handouts", "unclosed resources"} and fixture.scope > Scope.FUNCTION:
                work.broad_fixtures = True
        if "patches" in families and ("start" in seen.called_methods or BROAD_MOCKERS & set(function.params)):
            work.patches = True
    _note_readers(work, every, facts, level)
    return work


def _receiving_broad_values(every: list[Function], facts: dict[int, FunctionFacts], resolver: FixtureResolver,
                            settings: Settings, module_marks: list[ast.expr]) -> set[int]:
    """Consumers that receive a broad value: requested, fetched, or stored on ``self`` by an
    autouse fixture of their class."""
    receiving = [f for f in every if f.is_consumer and (
        "getfixturevalue" in facts[f.line].called_methods
        or _requests_broad_value(f, resolver, settings, module_marks))]
    storing = {f.owner for f in receiving if f.owner and f.fixture is not None and f.fixture.autouse}
    return {f.line for f in receiving} | {f.line for f in every if f.is_consumer and f.owner in storing}


def _requests_broad_value(function: Function, resolver: FixtureResolver, settings: Settings,
                          module_marks: list[ast.expr]) -> bool:
    supplied = parametrized_names([*function.node.decorator_list, *module_marks])
    for name in function.params:
        if name in supplied:
            continue
        fixture = resolver.resolve(name, function.owner, function.fixture)
        if fixture is not None and _is_or_hands_out_broad(fixture, function, resolver, settings, 0):
            return True
    return False


def _is_or_hands_out_broad(fixture: Fixture, function: Function, resolver: FixtureResolver,
                           settings: Settings, depth: int) -> bool:
    scope = fixture.scope
    if scope is None or fixture.name in settings.allow_mutation:
        return False
    if scope in settings.broad_scopes:
        return True
    if depth >= 2 or not fixture.is_readable:
        return False
    for name in fixture.params:
        inner = resolver.resolve(name, function.owner, fixture)
        if inner is not None and _is_or_hands_out_broad(inner, function, resolver, settings, depth + 1):
            return True
    return False


def _may_mismatch(function: Function, facts: FunctionFacts, fixture: Fixture,
                  resolver: FixtureResolver) -> bool:
    scope = fixture.scope
    if scope is None or scope == Scope.FUNCTION:
        return False
    if "getfixturevalue" in facts.called_methods:
        return True
    for name in function.params:
        requested = resolver.resolve(name, function.owner, fixture)
        if requested is not None and requested.scope is not None and requested.scope < scope:
            return True
    return False


def _handed_state(function: Function, resolver: FixtureResolver) -> frozenset[str]:
    """Parameters whose function-scoped fixture hands out a module-level object itself."""
    found = set()
    for name in function.params:
        fixture = resolver.resolve(name, function.owner, function.fixture)
        if fixture is not None and fixture.scope == Scope.FUNCTION and fixture.hands_out_module_state:
            found.add(name)
    return frozenset(found)


def _shared_attributes(function: Function, tree: ast.Module) -> frozenset[str]:
    """``self.items`` for each mutable class attribute a test method (or per-test set-up) of a
    class shares with the other tests of the class; none for class-level set-ups."""
    args = function.node.args.args
    if not function.owner or not args or function.node.name in CLASS_SETUPS:
        return frozenset()
    cls = _class_node(tree, function.owner)
    if cls is None:
        return frozenset()
    return frozenset(f"{args[0].arg}.{name}" for name in shared_class_attributes(cls))


_PLAIN_BASES = frozenset({"object", "TestCase", "unittest.TestCase", "IsolatedAsyncioTestCase",
                          "unittest.IsolatedAsyncioTestCase"})


def _may_orphan_a_teardown(function: Function, tree: ast.Module) -> bool:
    """An xunit set-up of a class with a base of its own that neither calls the set-up it
    overrides nor defines the matching teardown: an inherited teardown may undo what this
    set-up never changed (the analysis reads the bases)."""
    name = function.node.name
    teardown = _MATCHING_TEARDOWNS.get(name)
    cls = _class_node(tree, function.owner) if function.owner and teardown else None
    if cls is None or not any(ast.unparse(base) not in _PLAIN_BASES for base in cls.bases):
        return False
    if any(isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == teardown for s in cls.body):
        return False
    return not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == name
                   for n in ast.walk(function.node))


_MATCHING_TEARDOWNS = {"setup_method": "teardown_method", "setup_class": "teardown_class",
                       "setUp": "tearDown", "setUpClass": "tearDownClass", "setup": "teardown"}


def _class_node(tree: ast.Module, owner: str) -> ast.ClassDef | None:
    body: list[ast.stmt] = tree.body
    found: ast.ClassDef | None = None
    for part in owner.split("."):
        found = next((s for s in body if isinstance(s, ast.ClassDef) and s.name == part), None)
        if found is None:
            return None
        body = found.body
    return found


def _state_writer_lookup(path: str, resolver: FixtureResolver) -> Callable[[str], bool]:
    """Whether ``pkg.mod.f`` (or ``.mod.Cls.m``) names a function of a project module that
    changes module- or class-level state, read from that module's index."""
    answers: dict[str, bool] = {}

    def lookup(name: str) -> bool:
        if name not in answers:
            answers[name] = _is_state_writer(name, path, resolver)
        return answers[name]

    return lookup


def _is_state_writer(name: str, path: str, resolver: FixtureResolver) -> bool:
    return is_state_writer(name, path, resolver.project)


def tree_for_analysis(tree: ast.Module, work: Work) -> ast.Module:
    """The tree astroid builds: the file without the tests that raise no question (no other code
    refers to a test, and building a large test module is most of what a file costs). Whole
    when a family looks at every function."""
    if work.parametrize or work.mismatch or work.broad_fixtures or work.patches or work.every_test:
        return tree
    keep = work.shared | work.module_state | work.readers
    drop = work.tests - keep
    if not drop:
        return tree
    module = copy.copy(tree)
    module.body = _without(tree.body, drop)
    return module


def _without(body: list[ast.stmt], drop: set[int]) -> list[ast.stmt]:
    kept: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                definition_line(statement) in drop):
            continue
        if isinstance(statement, ast.ClassDef):
            cls = copy.copy(statement)
            cls.body = _without(statement.body, drop) or [ast.Pass(lineno=statement.lineno, col_offset=0)]
            kept.append(cls)
        else:
            kept.append(statement)
    return kept


def _note_readers(work: Work, every: list[Function], facts: dict[int, FunctionFacts],
                  level: ModuleLevel) -> None:
    writers = [f for f in every if f.line in work.module_state]
    if any(f.fixture is not None and f.fixture.scope not in (None, Scope.FUNCTION) for f in writers):
        work.every_test = True
        return
    own = set(level.assigned) | level.classes
    touched = own & set().union(*(facts[f.line].loaded | facts[f.line].bound for f in writers))
    work.readers = {f.line for f in every if f.is_test and f.line not in work.module_state
                    and facts[f.line].loaded & touched}


def _may_evict_modules(func: ast.AST) -> bool:
    """A teardown that reads ``sys.modules`` and calls ``startswith``: it may evict the modules of a
    prefix (a change even in a teardown, which is otherwise an undo); the full walk decides."""
    seen = {n.attr for n in ast.walk(func) if isinstance(n, ast.Attribute)}
    return "modules" in seen and "startswith" in seen


def _imports_project_code(func: ast.AST) -> bool:
    """An absolute ``import`` of a project module inside the function: a first import runs the
    module's top level (the analysis reads what that changes)."""
    for node in ast.walk(func):
        if isinstance(node, ast.Import):
            tops = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            tops = [node.module.split(".")[0]]
        else:
            continue
        if any(top not in sys.stdlib_module_names and PROJECT.is_project_module(top) for top in tops):
            return True
    return False
