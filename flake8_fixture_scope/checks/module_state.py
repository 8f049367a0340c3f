"""FXS020 and FXS022: tests, fixtures and xunit set-ups that change module-level state.

Module-level state is what outlives a test: imported modules and their attributes
(``os.environ``, ``sys.path``), classes, module-level objects of this or an imported module,
and module globals rebound through ``global``. The walk is MutationFinder's, seeded with the
free names of a function that resolve (by ``lookup``, no inference) to such objects.
"""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes

from ..analysis.consumers import Consumer, find_xunit_methods
from ..analysis.definitions import Definitions
from ..analysis.events import Context, ModuleObject, Mutation, Origin
from ..analysis.fixtures import Fixture, Scope
from ..analysis.module_state import class_of, matching_teardown, module_state_roots, handed_out_module_state, mutations_in, restores_in, teardowns_after
from ..analysis.restores import unrestored
from ..analysis.state_guards import usefixtures_names
from ..model.resolve import FixtureResolver
from ..rules import RULES
from ..settings import Settings
from ..vocabulary import RESTORING_FIXTURES
from .shared_values import Violation, fixture_location

FXS022_REMEDY = "change it in a function-scoped fixture with monkeypatch, or make the fixture autouse"


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
        roots.update(self._handed_out_state(consumer))
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
            left = unrestored(left + self._guards_of(consumer) + self._teardown_restores(consumer)
                              + _restored_by_builtin_fixtures(consumer))
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
                roots = module_state_roots(node, class_of(node))
                self._guard_cache[node] = [m for m in mutations_in(node, roots, self.context) if m.restoring]
            guards += self._guard_cache[node]
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

    def _teardown_restores(self, test: Consumer) -> list[Mutation]:
        """What the xunit teardowns that run after the test put back (its class's, its module's)."""
        restores: list[Mutation] = []
        for teardown in teardowns_after(test.func):
            if teardown not in self._guard_cache:
                self._guard_cache[teardown] = restores_in(teardown, self.context)
            restores += self._guard_cache[teardown]
        return restores

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


def _restored_by_builtin_fixtures(test: Consumer) -> list[Mutation]:
    """``pytester`` and ``testdir`` put the working folder, ``sys.path`` and ``sys.modules`` back."""
    return [Mutation("FXS020", test.func, "restore", Origin(key, ModuleObject(key, "patch")), key, True)
            for param in test.params for key in RESTORING_FIXTURES.get(param.name, ())]
