"""FXS021: a patch started with ``.start()`` that nothing stops, and patching through a broad
pytest-mock fixture (``session_mocker`` and friends) in a narrower consumer.

A start is covered by a stop (see ``patchers``) in the function itself, in its xunit teardown,
or in an autouse fixture, at least as narrow as the starter, that calls ``mock.patch.stopall()``
after its ``yield``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from astroid import nodes

from ..analysis.consumers import (
    XUNIT_SETUPS, XUNIT_TEARDOWNS, Consumer, is_test_class, is_test_name, is_unittest_case,
)
from ..analysis.consumers import FixtureAt, class_key
from ..analysis.definitions import Definitions
from ..analysis.fixtures import Fixture, Scope, parametrized_names
from ..analysis.names import dotted
from ..analysis.patchers import (
    Started, Stop, class_methods, short_text, started_patches, stops_every_patch_after_yield, stops_in,
)
from ..model.resolve import FixtureResolver
from ..rules import RULES
from ..settings import Settings
from .shared_values import Violation

BROAD_MOCKERS = frozenset({"session_mocker", "package_mocker", "module_mocker", "class_mocker"})
_MOCKER_PATCHES = frozenset({"patch", "patch.object", "patch.dict", "patch.multiple", "spy"})
_MOCKER_OF_SCOPE = {Scope.FUNCTION: "mocker", Scope.CLASS: "class_mocker",
                    Scope.MODULE: "module_mocker", Scope.PACKAGE: "package_mocker"}

# For a function of a given scope: the xunit set-ups whose registered cleanups run after it, and
# the teardowns that end its life; in a class, and at module level.
_XUNIT_IN_CLASS = {
    Scope.FUNCTION: (("setup_method", "setUp"), ("teardown_method", "tearDown", "teardown")),
    Scope.CLASS: (("setup_class", "setUpClass"), ("teardown_class", "tearDownClass")),
}
_XUNIT_IN_MODULE = {
    Scope.FUNCTION: (("setup_function",), ("teardown_function", "teardown")),
    Scope.MODULE: (("setup_module", "setUpModule"), ("teardown_module", "tearDownModule")),
}
_SETUP_SCOPES = {"setup_class": Scope.CLASS, "setUpClass": Scope.CLASS, "setup_module": Scope.MODULE,
                 "setUpModule": Scope.MODULE}


@dataclass(frozen=True)
class Owner:
    """A test, fixture or xunit set-up: a function whose patches must be stopped."""

    func: nodes.FunctionDef
    cls: nodes.ClassDef | None
    kind: str  # "test", "fixture" or "setup"
    scope: Scope


def teardown_stops(owner: Owner, module: nodes.Module) -> list[Stop]:
    """Stops in the xunit teardown that ends the owner's life, and cleanups its set-up registers."""
    if owner.kind == "setup":
        teardowns: tuple[str, ...] = (XUNIT_TEARDOWNS[owner.func.name],)
        setups: tuple[str, ...] = ()
    else:
        table = _XUNIT_IN_CLASS if owner.cls is not None else _XUNIT_IN_MODULE
        setups, teardowns = table.get(owner.scope, ((), ()))
    found: list[Stop] = []
    for name in teardowns:
        for teardown in _xunit_functions(owner, module, name):
            found.extend(Stop(stop.key, None) for stop in stops_in(teardown, owner.cls))
    for name in setups:
        for setup in _xunit_functions(owner, module, name):
            found.extend(stop for stop in stops_in(setup, owner.cls) if stop.position is None)
    return found


def _xunit_functions(owner: Owner, module: nodes.Module, name: str) -> list[nodes.FunctionDef]:
    if owner.cls is not None:
        return class_methods(owner.cls, name)
    return [f for f in module.locals.get(name, []) if isinstance(f, nodes.FunctionDef)]


# ---------------------------------------------------------------------- who starts patches
def find_owners(module: nodes.Module, fixture_at: FixtureAt) -> Iterator[Owner]:
    yield from _owners_in(module, None, fixture_at)


def _owners_in(container: nodes.Module | nodes.ClassDef, cls: nodes.ClassDef | None,
               fixture_at: FixtureAt) -> Iterator[Owner]:
    for statement in container.body:
        if isinstance(statement, nodes.ClassDef) and is_test_class(statement):
            yield from _owners_in(statement, statement, fixture_at)
        elif isinstance(statement, nodes.FunctionDef):
            owner = _owner(statement, cls, fixture_at)
            if owner is not None:
                yield owner


def _owner(func: nodes.FunctionDef, cls: nodes.ClassDef | None, fixture_at: FixtureAt) -> Owner | None:
    fixture = fixture_at(func)
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

    def __init__(self, module: nodes.Module, resolver: FixtureResolver, definitions: Definitions,
                 settings: Settings) -> None:
        self.module = module
        self.resolver = resolver
        self.definitions = definitions
        self.settings = settings
        self._stoppers: dict[nodes.ClassDef | None, list[Fixture]] = {}

    def check(self, consumers: list[Consumer]) -> Iterator[Violation]:
        for owner in find_owners(self.module, self.definitions.fixture_at):
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
                fixture for fixture in self.resolver.visible(class_key(owner.cls))
                if fixture.autouse and fixture.scope is not None and self._stops_all_after_yield(fixture)
            ]
        return any(f.scope is not None and f.scope <= owner.scope for f in self._stoppers[owner.cls])

    def _stops_all_after_yield(self, fixture: Fixture) -> bool:
        node = self.definitions.node_of(fixture)
        return node is not None and stops_every_patch_after_yield(node)

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
            fixture = self.resolver.resolve(param.name, consumer.cls_key, consumer.fixture)
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
    if owner.cls is not None and is_unittest_case(owner.cls):
        return "stop it in a finally block or with self.addCleanup, or use a with block"
    return "stop it in a finally block, or use mocker or a with block"
