"""FXS021: a patch started with ``.start()`` that nothing stops, and patching through a broad
pytest-mock fixture (``session_mocker`` and friends) in a narrower consumer.

Syntactic throughout: a receiver is a patcher when its binding is a ``mock.patch*`` call; a
patch is stopped by ``.stop()`` on the same name or ``self`` attribute, or by
``mock.patch.stopall()``, found in the function itself (after the start, or in a nested
finalizer), in a cleanup it registers, in its xunit teardown, or in an autouse stopper fixture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from astroid import nodes

from .consumers import XUNIT_SETUPS, XUNIT_TEARDOWNS, Consumer, is_test_class, is_test_name
from .fixtures import Fixture, Scope, parametrized_names, read_fixture
from .names import dotted, qualified_name
from .resolver import FixtureResolver, class_levels, module_levels
from .rules import RULES
from .settings import Settings
from .shared_values import Violation

PATCH_FACTORIES = frozenset({"mock.patch", "mock.patch.object", "mock.patch.dict", "mock.patch.multiple"})
_STOPALL = "mock.patch.stopall"
_CLEANUP_REGISTRARS = frozenset(
    {"addfinalizer", "addCleanup", "addClassCleanup", "addModuleCleanup", "callback", "push"}
)
_ITERATION_WRAPPERS = frozenset({"builtins.reversed", "builtins.list", "builtins.tuple", "builtins.sorted"})
_APPENDS = frozenset({"append", "extend", "insert"})
_SELF = "<self>"
_EVERY = "*"  # the key of a stop that stops every started patch
_MAX_DEPTH = 4
_MAX_TEXT = 60

BROAD_MOCKERS = frozenset({"session_mocker", "package_mocker", "module_mocker", "class_mocker"})
_MOCKER_PATCHES = frozenset({"patch", "patch.object", "patch.dict", "patch.multiple", "spy"})
_MOCKER_OF_SCOPE = {Scope.FUNCTION: "mocker", Scope.CLASS: "class_mocker",
                    Scope.MODULE: "module_mocker", Scope.PACKAGE: "package_mocker"}

# The xunit teardowns that end the life of a function of a given scope, in a class / a module.
_TEARDOWNS_IN_CLASS = {Scope.FUNCTION: ("teardown_method", "tearDown", "teardown"),
                       Scope.CLASS: ("teardown_class", "tearDownClass")}
_TEARDOWNS_IN_MODULE = {Scope.FUNCTION: ("teardown_function", "teardown"),
                        Scope.MODULE: ("teardown_module", "tearDownModule")}
_SETUP_SCOPES = {"setup_class": Scope.CLASS, "setUpClass": Scope.CLASS, "setup_module": Scope.MODULE,
                 "setUpModule": Scope.MODULE}

Position = tuple[int, int]


@dataclass(frozen=True)
class Owner:
    """A test, fixture or xunit set-up: a function whose patches must be stopped."""

    func: nodes.FunctionDef
    cls: nodes.ClassDef | None
    kind: str  # "test", "fixture" or "setup"
    scope: Scope


@dataclass(frozen=True)
class Started:
    call: nodes.Call  # the ``.start()`` call
    key: str | None  # what names the patcher ("p", "<self>.patcher"); None for ``patch(...).start()``
    patcher: nodes.Call  # the ``mock.patch*(...)`` call that built it


@dataclass(frozen=True)
class Stop:
    key: str
    position: Position | None  # None: runs at teardown whatever its place in the source

    def covers(self, started: Started) -> bool:
        if self.key != _EVERY and self.key != started.key:
            return False
        return self.position is None or self.position > position_of(started.call)


def position_of(node: nodes.NodeNG) -> Position:
    return (node.lineno or 0, node.col_offset or 0)


def short_text(node: nodes.NodeNG) -> str:
    text = " ".join(str(node.as_string()).split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


def is_patch_factory(func: nodes.NodeNG) -> bool:
    return (qualified_name(func) or "").removeprefix("unittest.") in PATCH_FACTORIES


def is_stopall(func: nodes.NodeNG) -> bool:
    return (qualified_name(func) or "").removeprefix("unittest.") == _STOPALL


def receiver_key(expr: nodes.NodeNG) -> str | None:
    """``p``, or ``<self>.patcher`` for ``self.patcher`` / ``cls.patcher``."""
    if isinstance(expr, nodes.AssignAttr):
        base = dotted(expr.expr)
        text = f"{base}.{expr.attrname}" if base else None
    else:
        text = dotted(expr)
    if text is None:
        return None
    head, dot, rest = text.partition(".")
    return f"{_SELF}.{rest}" if dot and head in ("self", "cls") else text


# ---------------------------------------------------------------------- what is a patcher
def patcher_call(expr: nodes.NodeNG, depth: int = 0) -> nodes.Call | None:
    """The ``mock.patch*(...)`` call that ``expr`` evaluates to (or a patcher in it), or None."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(expr, nodes.Call):
        if is_patch_factory(expr.func):
            return expr
        if qualified_name(expr.func) in _ITERATION_WRAPPERS and expr.args:
            return patcher_call(expr.args[0], depth + 1)
        if isinstance(expr.func, nodes.Attribute) and expr.func.attrname == "values":
            return patcher_call(expr.func.expr, depth + 1)
        return None
    if isinstance(expr, (nodes.List, nodes.Tuple, nodes.Set)):
        return _first_patcher(expr.elts, depth)
    if isinstance(expr, nodes.Dict):
        return _first_patcher([value for _key, value in expr.items], depth)
    if isinstance(expr, (nodes.Subscript, nodes.Starred)):
        return patcher_call(expr.value, depth + 1)
    if isinstance(expr, (nodes.Name, nodes.Attribute)):
        return _first_patcher(_bound_values(expr), depth)
    return None


def _first_patcher(exprs: list[nodes.NodeNG], depth: int) -> nodes.Call | None:
    for expr in exprs:
        found = patcher_call(expr, depth + 1)
        if found is not None:
            return found
    return None


def _bound_values(expr: nodes.Name | nodes.Attribute) -> list[nodes.NodeNG]:
    """What a name or ``self`` attribute is assigned, iterated from or has appended to it."""
    key = receiver_key(expr)
    if key is None:
        return []
    if isinstance(expr, nodes.Name):
        values = _name_values(expr)
        area: nodes.NodeNG = expr.scope()
    else:
        cls = _enclosing_class(expr)
        if cls is None or not key.startswith(_SELF + "."):
            return []
        values = _attribute_values(cls, key)
        area = cls
    return values + _appended_values(area, key)


def _name_values(expr: nodes.Name) -> list[nodes.NodeNG]:
    try:
        _scope, bindings = expr.lookup(expr.name)
    except Exception:  # astroid raises assorted errors on odd trees
        return []
    values: list[nodes.NodeNG] = []
    for binding in bindings:
        parent = binding.parent
        if isinstance(parent, (nodes.Assign, nodes.AnnAssign, nodes.NamedExpr)) and parent.value:
            values.append(parent.value)
        elif isinstance(parent, (nodes.For, nodes.Comprehension)) and binding is parent.target:
            values.append(parent.iter)
    return values


def _attribute_values(cls: nodes.ClassDef, key: str) -> list[nodes.NodeNG]:
    values: list[nodes.NodeNG] = []
    for target in cls.nodes_of_class(nodes.AssignAttr):
        if receiver_key(target) == key and isinstance(target.parent, (nodes.Assign, nodes.AnnAssign)):
            if target.parent.value is not None:
                values.append(target.parent.value)
    return values


def _appended_values(area: nodes.NodeNG, key: str) -> list[nodes.NodeNG]:
    values: list[nodes.NodeNG] = []
    for call in area.nodes_of_class(nodes.Call):
        func = call.func
        if isinstance(func, nodes.Attribute) and func.attrname in _APPENDS and call.args:
            if receiver_key(func.expr) == key:
                values.append(call.args[-1])
    return values


def _enclosing_class(node: nodes.NodeNG) -> nodes.ClassDef | None:
    current = node.parent
    while current is not None and not isinstance(current, nodes.Module):
        if isinstance(current, nodes.ClassDef):
            return current
        current = current.parent
    return None


def started_patches(func: nodes.FunctionDef) -> Iterator[Started]:
    for call in func.nodes_of_class(nodes.Call):
        callee = call.func
        if isinstance(callee, nodes.Attribute) and callee.attrname == "start" and not call.args:
            patcher = patcher_call(callee.expr)
            if patcher is not None:
                key = None if isinstance(callee.expr, nodes.Call) else receiver_key(callee.expr)
                yield Started(call, key, patcher)


# ---------------------------------------------------------------------- what stops it
def stops_in(func: nodes.FunctionDef, cls: nodes.ClassDef | None, depth: int = 0) -> list[Stop]:
    """Stops ``func`` performs or registers, placed where they run in ``func``.

    A stop in a nested function (a finalizer) or a registered cleanup has no place: it runs at
    teardown. A stop in a function ``func`` calls takes the place of that call.
    """
    found: list[Stop] = []
    for call in func.nodes_of_class(nodes.Call):
        where = None if call.scope() is not func else position_of(call)
        found.extend(_stops_of_call(call, where))
        found.extend(_registered_stops(call, cls))
        target = _called_function(call.func, cls) if depth < 2 else None
        if target is not None and target is not func:
            found.extend(Stop(stop.key, where) for stop in stops_in(target, cls, depth + 1))
    return found


def _stops_of_call(call: nodes.Call, where: Position | None) -> list[Stop]:
    callee = call.func
    if is_stopall(callee):
        return [Stop(_EVERY, where)]
    if isinstance(callee, nodes.Attribute) and callee.attrname == "stop" and not call.args:
        if _is_loop_variable(callee.expr):
            return [Stop(_EVERY, where)]  # ``for p in patchers: p.stop()``
        key = receiver_key(callee.expr)
        return [Stop(key, where)] if key else []
    return []


def _registered_stops(call: nodes.Call, cls: nodes.ClassDef | None) -> list[Stop]:
    """``request.addfinalizer(p.stop)``, ``self.addCleanup(mock.patch.stopall)``."""
    callee = call.func
    name = callee.attrname if isinstance(callee, nodes.Attribute) else getattr(callee, "name", "")
    if name not in _CLEANUP_REGISTRARS:
        return []
    found: list[Stop] = []
    for arg in call.args:
        if is_stopall(arg):
            found.append(Stop(_EVERY, None))
        elif isinstance(arg, nodes.Attribute) and arg.attrname == "stop":
            key = receiver_key(arg.expr)
            if key:
                found.append(Stop(key, None))
        else:
            target = _called_function(arg, cls)
            if target is not None:
                found.extend(Stop(stop.key, None) for stop in stops_in(target, cls, 2))
    return found


def _is_loop_variable(expr: nodes.NodeNG) -> bool:
    if not isinstance(expr, nodes.Name):
        return False
    try:
        _scope, bindings = expr.lookup(expr.name)
    except Exception:
        return False
    return any(isinstance(b.parent, (nodes.For, nodes.Comprehension)) for b in bindings)


def _called_function(expr: nodes.NodeNG, cls: nodes.ClassDef | None) -> nodes.FunctionDef | None:
    """The function a name or ``self.method`` refers to, when it is in this file or class."""
    if isinstance(expr, nodes.Name):
        try:
            _scope, bindings = expr.lookup(expr.name)
        except Exception:
            return None
        found = [b for b in bindings if isinstance(b, nodes.FunctionDef)]
        return found[0] if len(found) == 1 else None
    key = receiver_key(expr)
    if cls is not None and key is not None and key.count(".") == 1 and key.startswith(_SELF):
        methods = class_methods(cls, key.split(".")[1])
        return methods[0] if methods else None
    return None


def class_methods(cls: nodes.ClassDef, name: str) -> list[nodes.FunctionDef]:
    """Definitions of ``name`` in the class and its ancestors, nearest first."""
    try:
        classes = [cls, *list(cls.ancestors())[:10]]
    except Exception:  # ancestors() infers the bases
        classes = [cls]
    return [
        member for klass in classes if klass.root().name != "builtins"
        for member in klass.locals.get(name, []) if isinstance(member, nodes.FunctionDef)
    ]


def teardown_stops(owner: Owner, module: nodes.Module) -> list[Stop]:
    if owner.kind == "setup":
        names: tuple[str, ...] = (XUNIT_TEARDOWNS[owner.func.name],)
    elif owner.cls is not None:
        names = _TEARDOWNS_IN_CLASS.get(owner.scope, ())
    else:
        names = _TEARDOWNS_IN_MODULE.get(owner.scope, ())
    found: list[Stop] = []
    for name in names:
        if owner.cls is not None:
            functions = class_methods(owner.cls, name)
        else:
            functions = [f for f in module.locals.get(name, []) if isinstance(f, nodes.FunctionDef)]
        for teardown in functions:
            found.extend(Stop(stop.key, None) for stop in stops_in(teardown, owner.cls))
    return found


def stops_every_patch_after_yield(fixture: nodes.FunctionDef) -> bool:
    """An autouse stopper: ``yield`` then ``mock.patch.stopall()``, or a registered stopall."""
    yields = [position_of(y) for y in fixture.nodes_of_class(nodes.Yield) if y.scope() is fixture]
    after = min(yields) if yields else None
    for stop in stops_in(fixture, _enclosing_class(fixture)):
        if stop.key == _EVERY and (stop.position is None or (after is not None and stop.position > after)):
            return True
    return False


# ---------------------------------------------------------------------- who starts patches
def find_owners(module: nodes.Module, path: str) -> Iterator[Owner]:
    yield from _owners_in(module, None, path)


def _owners_in(container: nodes.Module | nodes.ClassDef, cls: nodes.ClassDef | None,
               path: str) -> Iterator[Owner]:
    for statement in container.body:
        if isinstance(statement, nodes.ClassDef) and _is_collected_class(statement):
            yield from _owners_in(statement, statement, path)
        elif isinstance(statement, nodes.FunctionDef):
            owner = _owner(statement, cls, path)
            if owner is not None:
                yield owner


def _is_collected_class(cls: nodes.ClassDef) -> bool:
    return is_test_class(cls) or any(base.as_string().endswith("TestCase") for base in cls.bases)


def _owner(func: nodes.FunctionDef, cls: nodes.ClassDef | None, path: str) -> Owner | None:
    fixture = read_fixture(func, path)
    if fixture is not None:
        return Owner(func, cls, "fixture", fixture.scope or Scope.FUNCTION)
    if func.name in XUNIT_SETUPS:
        return Owner(func, cls, "setup", _SETUP_SCOPES.get(func.name, Scope.FUNCTION))
    if is_test_name(func.name):
        return Owner(func, cls, "test", Scope.FUNCTION)
    return None


# ---------------------------------------------------------------------- the check
class PatchCheck:
    """FXS021 for one file."""

    def __init__(self, module: nodes.Module, path: str, resolver: FixtureResolver,
                 settings: Settings) -> None:
        self.module = module
        self.path = os.path.abspath(path)
        self.resolver = resolver
        self.settings = settings
        self._stoppers: dict[nodes.ClassDef | None, list[Fixture]] = {}

    def check(self, consumers: list[Consumer]) -> Iterator[Violation]:
        for owner in find_owners(self.module, self.path):
            yield from self.unstopped(owner)
        for consumer in consumers:
            yield from self.broad_mocker_patches(consumer)

    # -------------------------------------------------------------- started, never stopped
    def unstopped(self, owner: Owner) -> Iterator[Violation]:
        started = list(started_patches(owner.func))
        if not started:
            return
        stops = stops_in(owner.func, owner.cls) + teardown_stops(owner, self.module)
        left = [s for s in started if not any(stop.covers(s) for stop in stops)]
        if left and self._autouse_stopper(owner):
            return
        for patch in left:
            yield self._unstopped_violation(patch, owner)

    def _autouse_stopper(self, owner: Owner) -> bool:
        if owner.cls not in self._stoppers:
            self._stoppers[owner.cls] = [
                fixture for fixture in self._visible_fixtures(owner.cls)
                if fixture.autouse and fixture.node is not None and fixture.scope is not None
                and stops_every_patch_after_yield(fixture.node)
            ]
        return any(f.scope is not None and f.scope <= owner.scope for f in self._stoppers[owner.cls])

    def _visible_fixtures(self, cls: nodes.ClassDef | None) -> Iterator[Fixture]:
        project = self.resolver.project
        levels = class_levels(cls, self.path) if cls is not None else []
        levels += module_levels(self.module, project)
        for conftest in project.conftest_paths(self.path):
            parsed = project.parse_file(conftest) if os.path.abspath(conftest) != self.path else None
            if parsed is not None:
                levels += module_levels(parsed, project)
        for level in levels:
            yield from level.values()

    def _unstopped_violation(self, patch: Started, owner: Owner) -> Violation:
        what = f"patch '{short_text(patch.patcher)}' is started"
        if patch.key is not None:
            what += f" through '{short_text(patch.call.func.expr)}'"
        message = RULES["FXS021"].format(what=f"{what} and never stopped", remedy=_remedy(owner))
        return Violation(patch.call.lineno or 1, patch.call.col_offset or 0, message)

    # -------------------------------------------------------------- broad pytest-mock fixtures
    def broad_mocker_patches(self, consumer: Consumer) -> Iterator[Violation]:
        supplied = parametrized_names(consumer.func)
        for param in consumer.params:
            if param.name not in BROAD_MOCKERS or param.name in supplied:
                continue
            fixture = self.resolver.resolve(param.name, consumer.cls, consumer.fixture)
            if fixture is not None and self._outlives(fixture, consumer):
                yield from _mocker_patches(consumer, fixture)

    def _outlives(self, fixture: Fixture, consumer: Consumer) -> bool:
        scope = fixture.scope
        if fixture.path != "<pytest built-in>" or scope is None:
            return False  # a fixture of the user's own under that name
        if scope not in self.settings.broad_scopes or scope <= consumer.scope:
            return False
        return not (scope == Scope.CLASS and consumer.cls is None)


def _mocker_patches(consumer: Consumer, fixture: Fixture) -> Iterator[Violation]:
    calls = list(consumer.func.nodes_of_class(nodes.Call))
    names = {fixture.name} | _aliases(consumer.func, fixture.name)
    if any(dotted(call.func) in {f"{n}.stopall" for n in names} for call in calls):
        return
    stopped = {
        dotted(call.args[0]) for call in calls
        if call.args and dotted(call.func) in {f"{n}.stop" for n in names}
    }
    scope = fixture.scope or Scope.SESSION
    for call in calls:
        text = dotted(call.func) or ""
        head, _dot, method = text.partition(".")
        if head not in names or method not in _MOCKER_PATCHES or _result_name(call) in stopped:
            continue
        what = (f"'{short_text(call)}' patches through {scope.label}-scoped fixture "
                f"'{fixture.name}' (pytest-mock), which undoes it only when its {scope.label} ends")
        remedy = f"use '{_MOCKER_OF_SCOPE.get(consumer.scope, 'mocker')}' instead"
        yield Violation(call.lineno or 1, call.col_offset or 0,
                        RULES["FXS021"].format(what=what, remedy=remedy))


def _aliases(func: nodes.FunctionDef, name: str) -> set[str]:
    return {
        target.name
        for assign in func.nodes_of_class(nodes.Assign)
        if isinstance(assign.value, nodes.Name) and assign.value.name == name
        for target in assign.targets if isinstance(target, nodes.AssignName)
    }


def _result_name(call: nodes.Call) -> str | None:
    parent = call.parent
    if isinstance(parent, nodes.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        return target.name if isinstance(target, nodes.AssignName) else None
    return None


def _remedy(owner: Owner) -> str:
    if owner.kind == "setup":
        teardown = XUNIT_TEARDOWNS[owner.func.name]
        cleanup = ", or register its stop with addCleanup" if owner.func.name[:5] == "setUp" else ""
        return f"stop it in {teardown}{cleanup}"
    if owner.kind == "fixture":
        return "stop it after the yield, or use mocker or a with block"
    return "stop it in a finally block, or use mocker or a with block"
