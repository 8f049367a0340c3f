"""FXS020 and FXS022: tests, fixtures and xunit set-ups that change module-level state.

Module-level state is what outlives a test: imported modules and their attributes
(``os.environ``, ``sys.path``), classes, module-level objects of this or an imported module,
and module globals rebound through ``global``. The walk is MutationFinder's, seeded with the
free names of a function that resolve (by ``lookup``, no inference) to such objects.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from astroid import nodes

from ..analysis.consumers import (
    XUNIT_TEARDOWN_NAMES, Consumer, captures_output, find_xunit_methods, is_collected,
)
from ..analysis.definitions import Definitions
from ..analysis import inference
from ..analysis.events import Context, ModuleObject, Mutation, Origin
from ..analysis.names import dotted, subscript_text
from ..analysis.fixtures import Fixture, Scope
from ..analysis.module_state import changes_in_teardown, handed_out_module_state, mutations_in
from ..analysis.state_roots import class_of, instance_attribute_roots, module_state_roots
from ..analysis.top_level import top_level_changes
from ..analysis.teardowns import enclosing_teardowns, matching_teardown
from ..analysis.inherited import OrphanUndo, orphan_undos
from ..analysis.restores import UNDO, classify
from ..analysis.state_guards import usefixtures_names
from ..model.index import index_file
from ..model.resolve import FixtureResolver
from ..project import PROJECT, relative
from ..rules import RULES
from ..settings import Settings
from .shared_values import Violation, fixture_location

FXS022_REMEDY = "change it in a function-scoped fixture with monkeypatch, or make the fixture autouse"
ORPHAN_UNDO_REMEDY = "call the base's set-up here (super()), or override the teardown too"
FXS020_REMEDY = "use monkeypatch, or restore it in a finally block or teardown"
# Where no ``monkeypatch`` fixture can be requested: a broad autouse fixture, a module or class set-up.
FXS020_BROAD_REMEDY = "use pytest.MonkeyPatch.context(), or restore it after the yield or in the teardown"
# A statement at the top of a test module runs at collection, before any test of the session.
FXS020_TOP_LEVEL_REMEDY = "it runs at collection: do it in a fixture (monkeypatch) instead"
FXS023_REMEDY = "move the undo into a finally block or teardown, or use monkeypatch"
FXS023_BROAD_REMEDY = "move the undo into a finally block or teardown, or use pytest.MonkeyPatch.context()"
# pytest's warnings plugin runs each test inside ``warnings.catch_warnings()``.
_RESTORED_AROUND_EVERY_TEST = ("warnings.filters", "warnings.showwarning")
# Capturing, pytest sets these back after every set-up, call and teardown (not sys.stdin).
_PUT_BACK_BY_CAPTURE = frozenset({"sys.stdout", "sys.stderr"})
# pytester snapshots these when it is created and puts them back at teardown.
_SNAPSHOTTING_FIXTURES = frozenset({"pytester", "testdir"})
_RESTORED_BY_PYTESTER = ("sys.modules", "sys.path", "sys.meta_path", "the working folder")
# Fixtures whose teardown runs before the tests of another class, module or package: a
# session fixture's runs after the last test, and separates no test from another.
_ENCLOSING_SCOPES = frozenset({Scope.FUNCTION, Scope.CLASS, Scope.MODULE, Scope.PACKAGE})
_BROAD_SETUPS = frozenset({"setup_module", "setUpModule", "setup_class", "setUpClass"})


class ModuleStateCheck:
    """FXS020 for tests, narrow fixtures, autouse broad fixtures and xunit set-ups; FXS022 else."""

    def __init__(self, settings: Settings, context: Context, resolver: FixtureResolver,
                 definitions: Definitions, lines: set[int], top_level: set[int] | None = None) -> None:
        self.definitions = definitions
        self.lines = lines  # where the functions the file model found writing module state start
        self.top_level = top_level or set()  # top-level statements the file model found writing
        self.settings = settings
        self.context = Context(is_project_file=context.is_project_file,
                               is_project_module=context.is_project_module)
        self.resolver = resolver
        self.module: nodes.Module | None = None
        self._guard_cache: dict[nodes.FunctionDef, list[Mutation]] = {}

    def check(self, module: nodes.Module, consumers: list[Consumer]) -> Iterator[Violation]:
        self.module = module
        self._consumers = consumers
        self._scratch_cache: dict[str, list[str] | None] = {}
        seen: set[nodes.FunctionDef] = set()
        for consumer in consumers:
            seen.add(consumer.func)
            if consumer.func.lineno in self.lines:
                yield from self._check_consumer(consumer)
        for setup in find_xunit_methods(module):
            if setup not in seen and setup.lineno in self.lines:
                yield from self._check_setup(setup)
        for teardown in find_xunit_methods(module, XUNIT_TEARDOWN_NAMES):
            if teardown.lineno in self.lines:
                for mutation in changes_in_teardown(teardown, self.context):
                    yield self._fxs020(mutation)
        for orphan in orphan_undos(module, self.context):
            if orphan.setup.lineno in self.lines:
                yield self._orphan_undo(orphan)
        if self.top_level and is_collected(module.file or ""):
            left, _undone_at_import = classify(top_level_changes(module, self.top_level, self.context))
            for mutation in left:
                message = RULES["FXS020"].format(action=mutation.action, target=mutation.key,
                                                 remedy=FXS020_TOP_LEVEL_REMEDY)
                yield _violation(mutation, message)

    def _orphan_undo(self, orphan: OrphanUndo) -> Violation:
        """The inherited teardown's write, reported at the set-up that no longer makes the change."""
        mutation, teardown = orphan.mutation, orphan.teardown
        owner = teardown.parent.name if isinstance(teardown.parent, nodes.ClassDef) else ""
        where = f"{relative(teardown.root().file or '')}:{mutation.node.lineno}"
        action = (f"the inherited '{owner}.{teardown.name}()' ({mutation.action} at {where}), run after "
                  f"this {orphan.setup.name}() that does not call the one it undoes,")
        message = RULES["FXS020"].format(action=action, target=mutation.key, remedy=ORPHAN_UNDO_REMEDY)
        return Violation(orphan.setup.lineno or 1, orphan.setup.col_offset or 0, message)

    def _is_shared_fixture(self, consumer: Consumer) -> bool:
        fixture = consumer.fixture
        if fixture is None or fixture.autouse:
            return False
        return consumer.scope > Scope.FUNCTION and consumer.scope in self.settings.broad_scopes

    def _check_consumer(self, consumer: Consumer) -> Iterator[Violation]:
        if consumer.is_test and _runs_elsewhere(consumer.func, self.context):
            return
        fixture = consumer.fixture
        if (fixture is not None and fixture.autouse and consumer.scope in (Scope.SESSION, Scope.FUNCTION)
                and applies_to_every_test(fixture.path)):
            return  # it runs for every test of the suite, before each or before the first: all see it
        roots = module_state_roots(consumer.func, consumer.cls)
        roots.update(self._handed_out_state(consumer))
        roots.update(instance_attribute_roots(consumer.func, self.context))
        if not roots:
            return
        readable = self.context.is_project_file
        teardowns = enclosing_teardowns(consumer.func, readable) if consumer.is_test else None
        found = mutations_in(consumer.func, roots, self.context, enclosing=teardowns)
        found = self._not_put_back_by_capture(found)
        if self._is_shared_fixture(consumer) and not self._requested_by_every_test(consumer):
            reported: set[str] = set()
            for mutation in found:
                if not mutation.restoring and mutation.code != UNDO and mutation.key not in reported:
                    reported.add(mutation.key)
                    yield self._fxs022(mutation, consumer)
            return
        if consumer.is_test:
            found = found + self._guards_of(consumer)
        broad = consumer.scope > Scope.FUNCTION
        own_setup = consumer.scope in (Scope.MODULE, Scope.CLASS) and self._defined_here(consumer.fixture)
        yield from self._report([m for m in found if not self._is_scratch(m)
                                 and not (own_setup and self._is_own_global(m))], broad)

    def _not_put_back_by_capture(self, found: list[Mutation]) -> list[Mutation]:
        """Without ``sys.stdout = StringIO()`` and the like: capturing pytest sets the streams
        back after every set-up, call and teardown (closing one is still a change)."""
        if self.module is None or not captures_output(self.module.file or ""):
            return found
        return [m for m in found if m.restoring or not (
            m.key in _PUT_BACK_BY_CAPTURE and isinstance(m.node, nodes.AssignAttr))]

    def _requested_by_every_test(self, consumer: Consumer) -> bool:
        """A module fixture of this test module that each of its tests requests (a parameter,
        ``usefixtures``, ``pytestmark``): no test of another module sees it, none here misses it."""
        fixture = consumer.fixture
        module = self.module
        if fixture is None or module is None or consumer.scope != Scope.MODULE:
            return False
        if not self._defined_here(fixture):
            return False
        tests = [c for c in self._consumers if c.is_test]
        return bool(tests) and all(
            fixture.name in {p.name for p in test.params} | usefixtures_names(test.func, test.cls, module)
            for test in tests)

    def _defined_here(self, fixture: Fixture | None) -> bool:
        module_file = self.module.file if self.module is not None else None
        return fixture is not None and bool(module_file) and os.path.abspath(fixture.path) == os.path.abspath(
            module_file or "")

    def _is_own_global(self, mutation: Mutation) -> bool:
        """A module-level name of this test module, which no other module imports: what its own
        ``setup_module``/``setup_class`` or module/class autouse fixture sets is its set-up."""
        source = mutation.origin.source
        return (isinstance(source, ModuleObject) and source.kind in ("object", "global")
                and self.module is not None and _is_test_module(self.module))

    # ------------------------------------------------------------------ the test module's scratch state
    def _is_scratch(self, mutation: Mutation) -> bool:
        """State of this test module that every test or fixture of it sets before reading it."""
        source = mutation.origin.source
        module = self.module
        if (mutation.restoring or module is None or not isinstance(source, ModuleObject)
                or source.kind not in ("object", "global", "class") or not _is_test_module(module)):
            return False
        if source.name not in self._scratch_cache:
            self._scratch_cache[source.name] = self._first_writes(source.name)
        first = self._scratch_cache[source.name]
        return first is not None and bool(first) and all(
            mutation.key == key or mutation.key.startswith((key + ".", key + "[")) for key in first)

    def _first_writes(self, name: str) -> list[str] | None:
        """What each consumer of this module that uses ``name`` writes first; None if one reads it."""
        if self.module is None or _escapes(self.module, name):
            return None
        keys: list[str] = []
        for consumer in self._consumers:
            found = consumer.func.nodes_of_class((nodes.Name, nodes.AssignName))
            every = [n for n in found if n.name == name]
            uses = [n for n in every if n.scope() is consumer.func]  # nested functions run later
            if every and not uses:
                return None
            if not uses:
                continue
            first = min(uses, key=lambda n: (n.lineno or 0, n.col_offset or 0))
            key = _written_key(first)
            if key is None:
                return None
            keys.append(key)
        return keys

    def _report(self, found: list[Mutation], broad: bool) -> Iterator[Violation]:
        left, late = classify(found)
        for mutation in left:
            yield self._fxs020(mutation, broad)
        for mutation, undo in late:
            yield self._fxs023(mutation, undo, broad)

    # ------------------------------------------------------------------ guarding fixtures
    def _guards_of(self, test: Consumer) -> list[Mutation]:
        """What the function-scoped fixtures around a test restore after it (autouse or requested)."""
        guards = [_restored_by_pytest(test.func, key) for key in _RESTORED_AROUND_EVERY_TEST]
        if any(param.name in _SNAPSHOTTING_FIXTURES for param in test.params):
            guards += [_restored_by_pytest(test.func, key) for key in _RESTORED_BY_PYTESTER]
        for fixture in self._fixtures_around(test):
            node = self.definitions.node_of(fixture) if fixture.scope in _ENCLOSING_SCOPES else None
            if node is None:
                continue
            if node not in self._guard_cache:
                roots = module_state_roots(node, class_of(node))
                self._guard_cache[node] = [m for m in mutations_in(node, roots, self.context) if m.restoring]
            around_each = fixture.scope == Scope.FUNCTION
            # A fixture of a whole class or module, like its teardown_class or teardown_module,
            # restores what it writes again or puts back whole, not whatever any call touches.
            guards += [m for m in self._guard_cache[node] if around_each or m.action != "restore"]
        return guards

    def _handed_out_state(self, consumer: Consumer) -> dict[str, Origin]:
        """Parameters whose function-scoped fixture hands out a module-level object itself."""
        roots: dict[str, Origin] = {}
        for param in consumer.params:
            fixture = self.resolver.resolve(param.name, consumer.cls_key, consumer.fixture)
            if fixture is None or fixture.scope != Scope.FUNCTION or not fixture.hands_out_module_state:
                continue
            node = self.definitions.node_of(fixture)
            origin = handed_out_module_state(node, self.context) if node is not None else None
            if origin is not None:
                roots[param.name] = origin
        return roots

    def _fixtures_around(self, test: Consumer) -> Iterator[Fixture]:
        module = self.module
        names = {param.name for param in test.params}
        if module is not None:
            names |= usefixtures_names(test.func, test.cls, module)
        for name in names:
            fixture = self.resolver.resolve(name, test.cls_key)
            if fixture is not None:
                yield fixture
        yield from (fixture for fixture in self.resolver.visible(test.cls_key) if fixture.autouse)

    def _check_setup(self, setup: nodes.FunctionDef) -> Iterator[Violation]:
        roots = module_state_roots(setup, class_of(setup))
        if not roots:
            return
        matching = matching_teardown(setup, self.context.is_project_file)
        enclosing = [t for t in enclosing_teardowns(setup, self.context.is_project_file) if t is not matching]
        found = self._not_put_back_by_capture(mutations_in(setup, roots, self.context, matching, enclosing))
        if setup.name in _BROAD_SETUPS:
            found = [m for m in found if not self._is_own_global(m)]
        yield from self._report(found, setup.name in _BROAD_SETUPS)

    def _fxs020(self, mutation: Mutation, broad: bool = False) -> Violation:
        remedy = FXS020_BROAD_REMEDY if broad else FXS020_REMEDY
        message = RULES["FXS020"].format(action=mutation.action, target=mutation.key, remedy=remedy)
        return _violation(mutation, message)

    def _fxs023(self, mutation: Mutation, undo: Mutation, broad: bool) -> Violation:
        remedy = FXS023_BROAD_REMEDY if broad else FXS023_REMEDY
        message = RULES["FXS023"].format(action=mutation.action, target=mutation.key,
                                         line=undo.node.lineno, remedy=remedy)
        return _violation(mutation, message)

    def _fxs022(self, mutation: Mutation, consumer: Consumer) -> Violation:
        fixture = consumer.fixture
        assert fixture is not None
        message = RULES["FXS022"].format(
            scope=consumer.scope.label, fixture=fixture.name, location=fixture_location(fixture),
            target=mutation.key, action=mutation.action, remedy=FXS022_REMEDY,
        )
        return _violation(mutation, message)


_TOP_CONFTESTS: dict[str, bool] = {}
_NOT_SEARCHED = frozenset({"node_modules", "venv", "site-packages", "build", "dist", "__pycache__"})


def is_top_conftest(path: str) -> bool:
    """A conftest.py whose folder holds every test of the project (no conftest above it, no test
    file beside its folder): its autouse fixtures apply to every test."""
    path = os.path.abspath(path)
    if path not in _TOP_CONFTESTS:
        _TOP_CONFTESTS[path] = os.path.basename(path) == "conftest.py" and _holds_every_test(path)
    return _TOP_CONFTESTS[path]


def applies_to_every_test(path: str) -> bool:
    """The top conftest, or a plugin module it lists in ``pytest_plugins``: its autouse fixtures
    run for every test of the project."""
    if is_top_conftest(path):
        return True
    path = os.path.abspath(path)
    for conftest in PROJECT.conftest_paths(path):
        index = index_file(conftest) if is_top_conftest(conftest) else None
        for plugin in index.plugins if index is not None else ():
            found = PROJECT.find_module_file(plugin)
            if found is not None and os.path.abspath(found) == path:
                return True
    return False


def _holds_every_test(path: str) -> bool:
    if PROJECT.conftest_paths(path) != [path]:
        return False
    folder = os.path.dirname(path)
    if folder == PROJECT.rootdir(folder):
        return True
    parent, searched = os.path.dirname(folder), 0
    for here, dirs, files in os.walk(parent):
        if here == parent:
            dirs[:] = [d for d in dirs if os.path.join(here, d) != folder]
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _NOT_SEARCHED]
        if any(f.endswith(".py") and (f.startswith("test_") or f.endswith("_test.py")) for f in files):
            return False
        searched += 1
        if searched > 2000:
            return False
    return True


def _restored_by_pytest(func: nodes.FunctionDef, key: str) -> Mutation:
    return Mutation("FXS020", func, "restore", Origin(key, ModuleObject(key, "patch")), key, True)


def _is_test_module(module: nodes.Module) -> bool:
    """A file pytest collects as tests: other modules do not import it."""
    base = os.path.basename(module.file or "")
    return base.startswith("test_") or base.endswith("_test.py")


def _escapes(module: nodes.Module, name: str) -> bool:
    """``client = TestClient(app)``: another module-level object holds it, and reads it unseen."""
    for statement in module.body:
        if isinstance(statement, (nodes.FunctionDef, nodes.ClassDef, nodes.Import, nodes.ImportFrom)):
            continue
        targets = statement.targets if isinstance(statement, nodes.Assign) else []
        if any(getattr(t, "name", None) == name for t in targets):
            continue
        if any(n.name == name for n in statement.nodes_of_class(nodes.Name)):
            return True
    return False


def _written_key(use: nodes.NodeNG) -> str | None:
    """``calls["count"]`` when ``use`` is the root of the target of an assignment, else None."""
    if isinstance(use, nodes.AssignName):
        return use.name if isinstance(use.parent, nodes.Assign) else None
    node: nodes.NodeNG = use
    while True:
        parent = node.parent
        if not isinstance(parent, (nodes.Attribute, nodes.Subscript, nodes.AssignAttr)) or not (
                getattr(parent, "expr", None) is node or getattr(parent, "value", None) is node):
            return None
        node = parent
        if isinstance(node, (nodes.AssignAttr, nodes.Subscript)) and isinstance(node.parent, nodes.Assign) \
                and node in node.parent.targets:
            return _target_key(node)


def _target_key(node: nodes.NodeNG) -> str:
    if isinstance(node, (nodes.Attribute, nodes.AssignAttr)):
        return f"{_target_key(node.expr)}.{node.attrname}"
    if isinstance(node, nodes.Subscript):
        return f"{_target_key(node.value)}[{subscript_text(node.slice)}]"
    return str(node.as_string())


def _runs_elsewhere(func: nodes.FunctionDef, context: Context) -> bool:
    """Decorated by a readable decorator whose wrapper never calls the test in this process."""
    for decorator in func.decorators.nodes if func.decorators else []:
        if isinstance(decorator, nodes.Call):
            continue
        for value in inference.infer_values(decorator):
            if (isinstance(value, nodes.FunctionDef) and context.is_project_file(value.root().file or "")
                    and _never_calls_its_argument(value)):
                return True
    return False


def _never_calls_its_argument(decorator: nodes.FunctionDef) -> bool:
    """The wrapped function is only read (``f.__name__``, ``wraps(f)``), and a wrapper is returned."""
    params = decorator.args.args or []
    if len(params) != 1:
        return False
    name = params[0].name
    returns = [r for r in decorator.nodes_of_class(nodes.Return) if r.scope() is decorator]
    nested = {f.name for f in decorator.body if isinstance(f, nodes.FunctionDef)}
    if not returns or not all(isinstance(r.value, nodes.Name) and r.value.name in nested for r in returns):
        return False
    for use in decorator.nodes_of_class(nodes.Name):
        if use.name != name:
            continue
        parent = use.parent
        if isinstance(parent, nodes.Attribute) and parent.attrname.startswith("__") \
                and parent.attrname != "__call__":
            continue
        if (isinstance(parent, nodes.Call) and use in parent.args
                and (dotted(parent.func) or "").split(".")[-1] in ("wraps", "update_wrapper")):
            continue
        return False
    return True


def _violation(mutation: Mutation, message: str) -> Violation:
    return Violation(mutation.node.lineno or 1, mutation.node.col_offset or 0, message)
