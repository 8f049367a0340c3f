"""FXS020 and FXS022: tests, fixtures and xunit set-ups that change module-level state.

Module-level state is what outlives a test: imported modules and their attributes
(``os.environ``, ``sys.path``), classes, module-level objects of this or an imported module,
and module globals rebound through ``global``. The walk is MutationFinder's, seeded with the
free names of a function that resolve (by ``lookup``, no inference) to such objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from astroid import nodes

from .consumers import XUNIT_TEARDOWNS, Consumer, find_xunit_methods
from .fixtures import Fixture, Scope
from .mutations import Context, Mutation, MutationFinder, Origin
from .names import dotted, qualified_name
from .definitions import Definitions
from .model.resolve import FixtureResolver
from .rules import RULES
from .settings import Settings
from .shared_values import Violation, fixture_location
from .state_guards import patched_key, usefixtures_names

# Calls that put state back as it was: not reported, and restoring where a teardown makes them.
RESETS = frozenset({".clear()", ".cache_clear()"})
# Methods that only read: a call of one in a teardown does not restore anything.
_READERS = frozenset({"get", "copy", "keys", "values", "items", "index", "count", "__getitem__",
                      "__contains__", "startswith", "endswith"})
# Fixtures and names whose calls patch with automatic undo (pytest / pytest-mock / unittest.mock).
_PATCHERS = frozenset({"monkeypatch", "mocker", "class_mocker", "module_mocker", "package_mocker",
                       "session_mocker", "patch", "patcher"})
_FINALIZER_REGISTRARS = frozenset({"addfinalizer", "addCleanup", "addClassCleanup", "addModuleCleanup"})
# Proxies to per-request / per-app-context objects: writing to them changes no module state.
_CONTEXT_LOCALS = frozenset(
    f"{package}.{name}" for package in ("flask", "flask.globals", "quart", "quart.globals")
    for name in ("g", "session", "request", "current_app", "websocket")
)
_FRESH_CONTAINERS = frozenset({"builtins.dict", "builtins.list", "builtins.set", "copy.copy",
                               "copy.deepcopy"})
FXS022_REMEDY = "change it in a function-scoped fixture with monkeypatch, or make the fixture autouse"


@dataclass(frozen=True)
class ModuleObject:
    """The source of a module-state origin: a name and what binds it at module level."""

    name: str
    kind: str  # "module", "import", "class", "object" or "global"
    qualified: str = ""  # the dotted name an import gives it: ``flask.g`` for ``from flask import g``


def module_state_roots(func: nodes.FunctionDef, own_class: nodes.ClassDef | None) -> dict[str, Origin]:
    """The free names used in ``func`` that resolve to module-level objects (no inference)."""
    roots: dict[str, Origin] = {}
    for name in {n for node in func.nodes_of_class(nodes.Global) for n in node.names}:
        roots[name] = Origin(name, ModuleObject(name, "global"))
    seen: set[tuple[nodes.NodeNG, str]] = set()
    for node in func.nodes_of_class(nodes.Name):
        key = (node.scope(), node.name)
        if key in seen or node.name in roots:
            continue
        seen.add(key)
        kind = _module_binding_kind(node, own_class)
        if kind is not None:
            qualified = qualified_name(node) if kind in ("module", "import") else None
            roots[node.name] = Origin(node.name, ModuleObject(node.name, kind, qualified or ""))
    return roots


def declared_globals(func: nodes.FunctionDef | nodes.Lambda) -> set[str]:
    """Names a ``global`` statement in ``func`` itself (not in nested functions) declares."""
    names: set[str] = set()
    for node in func.nodes_of_class(nodes.Global, skip_klass=(nodes.FunctionDef, nodes.Lambda)):
        names.update(node.names)
    return names


def _module_binding_kind(name: nodes.Name, own_class: nodes.ClassDef | None) -> str | None:
    try:
        scope, bindings = name.lookup(name.name)
    except Exception:
        return None
    if not bindings or (isinstance(scope, nodes.Module) and scope.name == "builtins"):
        return None
    binding = bindings[0]
    if isinstance(binding, nodes.Import):
        return "module"  # also a local ``import os``: the name is the shared module
    if isinstance(binding, nodes.ImportFrom):
        return "import"
    if not isinstance(scope, nodes.Module):
        return None
    if isinstance(binding, nodes.ClassDef):
        return None if binding is own_class else "class"
    if isinstance(binding, nodes.AssignName) and binding.scope() is scope:
        return "object"
    return None  # functions, and anything else, are not state a test changes


class ModuleStateFinder(MutationFinder):
    """MutationFinder with module-state rules: globals, patchers, lenient restoring calls."""

    def __init__(self, context: Context, depth: int = 0) -> None:
        super().__init__(context, depth)
        self._global_names: dict[nodes.NodeNG, set[str]] = {}

    def _in_restoring_place(self) -> bool:
        return bool(self.restoring) or self._after_yield

    def _mark_restored(self, node: nodes.NodeNG, origin: Origin) -> None:
        self.mutations.append(Mutation("FXS020", node, "restore", origin, origin.path, True))

    # ------------------------------------------------------------------ global rebinding
    def _is_global(self, target: nodes.NodeNG) -> bool:
        if not isinstance(target, (nodes.AssignName, nodes.DelName)):
            return False
        scope = target.scope()
        if scope not in self._global_names:
            is_function = isinstance(scope, (nodes.FunctionDef, nodes.Lambda))
            self._global_names[scope] = declared_globals(scope) if is_function else set()
        return target.name in self._global_names[scope]

    def _rebinding(self, target: nodes.NodeNG, action: str) -> None:
        name = target.name
        self._record("FXS020", target, action, Origin(name, ModuleObject(name, "global")), name)

    def _mutations_of_target(self, target: nodes.NodeNG, item_action: str, attr_action: str) -> None:
        if self._is_global(target):
            deleting = isinstance(target, nodes.DelName)
            self._rebinding(target, "deleting through 'global'" if deleting else "rebinding through 'global'")
            return
        super()._mutations_of_target(target, item_action, attr_action)

    def _augmented(self, node: nodes.AugAssign) -> None:
        if self._is_global(node.target):
            self._rebinding(node.target, f"'{node.op}' through 'global'")
            return
        super()._augmented(node)

    # ------------------------------------------------------------------ calls
    def _call(self, call: nodes.Call) -> None:
        func = call.func
        if is_patching(call):  # monkeypatch / mock.patch undo what they change
            key = patched_key(call, self.origin_of)
            if key is not None:
                self._mark_restored(call, Origin(key, ModuleObject(key, "patch")))
            return
        if isinstance(func, nodes.Attribute) and func.attrname in _FINALIZER_REGISTRARS:
            self._finalizer_method(call)
        if isinstance(func, nodes.Attribute):
            receiver = self.origin_of(func.expr)
            if (receiver is not None and self._in_restoring_place() and func.attrname not in _READERS
                    and not _is_bare_module(receiver)):
                self._mark_restored(call, receiver)
                return
            if receiver is not None and self._is_module_function(func):
                self._helper_call(call)
                return
        super()._call(call)

    def _finalizer_method(self, call: nodes.Call) -> None:
        """``request.addfinalizer(app.overrides.clear)``: the bound method's owner is restored."""
        first = call.args[0] if call.args else None
        if isinstance(first, nodes.Attribute) and first.attrname not in _READERS:
            owner = self.origin_of(first.expr)
            if owner is not None:
                self._mark_restored(call, owner)

    def _is_module_function(self, func: nodes.Attribute) -> bool:
        """``os.getcwd()``: a function of an imported module; calling it changes no object we track."""
        if not isinstance(func.expr, nodes.Name):
            return False
        origin = self.aliases.get(func.expr.name)
        if origin is None or not isinstance(origin.source, ModuleObject):
            return False
        return origin.source.kind == "module" and origin.path == origin.source.name

    def _collect_finalizers(self, func: nodes.FunctionDef) -> None:
        super()._collect_finalizers(func)
        for call in func.nodes_of_class(nodes.Call):
            if isinstance(call.func, nodes.Attribute) and call.func.attrname in _FINALIZER_REGISTRARS:
                for arg in call.args[:1]:
                    if isinstance(arg, nodes.Name):
                        self._finalizer_names.add(arg.name)
                    elif isinstance(arg, (nodes.Lambda, nodes.FunctionDef)):
                        self._finalizers.add(arg)


def is_patching(call: nodes.Call) -> bool:
    """``monkeypatch.setitem(...)``, ``mock.patch.dict(...)``, ``mocker.patch.object(...)``."""
    text = dotted(call.func) or ""
    if any(part in _PATCHERS for part in text.split(".")):
        return True
    name = qualified_name(call.func) or ""
    return name.startswith(("unittest.mock.", "mock."))


def mutations_in(func: nodes.FunctionDef, roots: dict[str, Origin], context: Context,
                 teardown: nodes.FunctionDef | None = None) -> list[Mutation]:
    """Every module-state mutation in ``func``, restoring ones included; a teardown restores."""
    finder = ModuleStateFinder(context)
    finder.find(func, roots)
    found = list(finder.mutations) + _patched_by_decorators(func, finder)
    if teardown is not None:
        undo = ModuleStateFinder(context)
        undo.restoring = 1
        undo.find(teardown, module_state_roots(teardown, _class_of(teardown)))
        found += undo.mutations
    return [m for m in found if m.restoring or not (is_reset(m) or is_context_local(m))]


def _patched_by_decorators(func: nodes.FunctionDef, finder: ModuleStateFinder) -> list[Mutation]:
    """``@mock.patch.dict(os.environ, ...)`` restores what the function changes under it."""
    restores: list[Mutation] = []
    for decorator in func.decorators.nodes if func.decorators else []:
        if isinstance(decorator, nodes.Call) and is_patching(decorator):
            key = patched_key(decorator, finder.origin_of)
            if key is not None:
                origin = Origin(key, ModuleObject(key, "patch"))
                restores.append(Mutation("FXS020", decorator, "patch", origin, key, restoring=True))
    return restores


def _is_bare_module(origin: Origin) -> bool:
    """``os`` itself: ``os.remove(p)`` in a finally restores nothing of ``os.environ``."""
    source = origin.source
    return isinstance(source, ModuleObject) and source.kind == "module" and origin.path == source.name


def is_reset(mutation: Mutation) -> bool:
    """``.clear()``, or replacing an attribute or global with a fresh empty value or a copy."""
    if mutation.action in RESETS:
        return True
    node = mutation.node
    if isinstance(node, (nodes.AssignAttr, nodes.AssignName)) and isinstance(node.parent, nodes.Assign):
        return is_fresh_value(node.parent.value)
    return False


def is_fresh_value(value: nodes.NodeNG) -> bool:
    """``{}``, ``[]``, ``set()``, ``dict()``, ``INITIAL.copy()``, ``copy.deepcopy(INITIAL)``."""
    if isinstance(value, (nodes.Dict, nodes.List, nodes.Set)):
        return not (value.items if isinstance(value, nodes.Dict) else value.elts)
    if not isinstance(value, nodes.Call):
        return False
    if isinstance(value.func, nodes.Attribute) and value.func.attrname == "copy" and not value.args:
        return True
    name = qualified_name(value.func)
    return name in _FRESH_CONTAINERS and (not value.args or name.startswith("copy."))


def is_context_local(mutation: Mutation) -> bool:
    """A write through ``flask.g`` or ``flask.session``: it lands in the current context."""
    source = mutation.origin.source
    if not isinstance(source, ModuleObject) or not source.qualified:
        return False
    full = source.qualified + mutation.key[len(source.name):]
    return any(full == local or full.startswith((local + ".", local + "["))
               for local in _CONTEXT_LOCALS)


def unrestored(mutations: list[Mutation]) -> list[Mutation]:
    """Set-up changes that no restoring write covers, in either direction.

    ``del os.environ["X"]`` in a teardown restores ``os.environ.update(X="1")``, and
    ``os.environ.clear()`` restores ``os.environ["X"] = "1"``.
    """
    restored = [m.key for m in mutations if m.restoring]
    return [m for m in mutations
            if not m.restoring and not any(_overlaps(key, m.key) for key in restored)]


def _overlaps(one: str, other: str) -> bool:
    return one == other or _is_part(one, other) or _is_part(other, one)


def _is_part(part: str, whole: str) -> bool:
    return part.startswith((whole + "[", whole + "."))


def _class_of(func: nodes.FunctionDef) -> nodes.ClassDef | None:
    parent = func.parent
    return parent if isinstance(parent, nodes.ClassDef) else None


def matching_teardown(setup: nodes.FunctionDef) -> nodes.FunctionDef | None:
    name = XUNIT_TEARDOWNS.get(setup.name)
    container = setup.parent
    if name is None or not isinstance(container, (nodes.Module, nodes.ClassDef)):
        return None
    for statement in container.body:
        if isinstance(statement, nodes.FunctionDef) and statement.name == name:
            return statement
    return None


class ModuleStateCheck:
    """FXS020 for tests, narrow fixtures, autouse broad fixtures and xunit set-ups; FXS022 else."""

    def __init__(self, settings: Settings, context: Context, resolver: FixtureResolver,
                 definitions: Definitions, lines: set[int]) -> None:
        self.definitions = definitions
        self.lines = lines  # where the functions the file model found writing module state start
        self.settings = settings
        self.context = Context(is_project_file=context.is_project_file,
                               is_project_module=context.is_project_module)
        self.resolver = resolver
        self.module: nodes.Module | None = None
        self._guard_cache: dict[nodes.FunctionDef, list[Mutation]] = {}

    def check(self, module: nodes.Module, consumers: list[Consumer]) -> Iterator[Violation]:
        self.module = module
        seen: set[nodes.FunctionDef] = set()
        for consumer in consumers:
            seen.add(consumer.func)
            if consumer.func.lineno in self.lines:
                yield from self._check_consumer(consumer)
        for setup in find_xunit_methods(module):
            if setup not in seen and setup.lineno in self.lines:
                yield from self._check_setup(setup)

    def _is_shared_fixture(self, consumer: Consumer) -> bool:
        fixture = consumer.fixture
        if fixture is None or fixture.autouse:
            return False
        return consumer.scope > Scope.FUNCTION and consumer.scope in self.settings.broad_scopes

    def _check_consumer(self, consumer: Consumer) -> Iterator[Violation]:
        roots = module_state_roots(consumer.func, consumer.cls)
        if not roots:
            return
        found = mutations_in(consumer.func, roots, self.context)
        if self._is_shared_fixture(consumer):
            for mutation in found:
                if not mutation.restoring:
                    yield self._fxs022(mutation, consumer)
            return
        left = unrestored(found)
        if left and consumer.is_test:
            left = unrestored(left + self._guards_of(consumer))
        for mutation in left:
            yield self._fxs020(mutation)

    # ------------------------------------------------------------------ guarding fixtures
    def _guards_of(self, test: Consumer) -> list[Mutation]:
        """What the function-scoped fixtures around a test restore after it (autouse or requested)."""
        guards: list[Mutation] = []
        for fixture in self._fixtures_around(test):
            node = self.definitions.node_of(fixture) if fixture.scope == Scope.FUNCTION else None
            if node is None:
                continue
            if node not in self._guard_cache:
                roots = module_state_roots(node, _class_of(node))
                self._guard_cache[node] = [m for m in mutations_in(node, roots, self.context) if m.restoring]
            guards += self._guard_cache[node]
        return guards

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
        roots = module_state_roots(setup, _class_of(setup))
        if not roots:
            return
        for mutation in unrestored(mutations_in(setup, roots, self.context, matching_teardown(setup))):
            yield self._fxs020(mutation)

    def _fxs020(self, mutation: Mutation) -> Violation:
        message = RULES["FXS020"].format(action=mutation.action, target=mutation.key)
        return _violation(mutation, message)

    def _fxs022(self, mutation: Mutation, consumer: Consumer) -> Violation:
        fixture = consumer.fixture
        assert fixture is not None
        message = RULES["FXS022"].format(
            scope=consumer.scope.label, fixture=fixture.name, location=fixture_location(fixture),
            target=mutation.key, action=mutation.action, remedy=FXS022_REMEDY,
        )
        return _violation(mutation, message)


def _violation(mutation: Mutation, message: str) -> Violation:
    return Violation(mutation.node.lineno or 1, mutation.node.col_offset or 0, message)
