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
from ..analysis.events import Context, Mutation
from ..analysis.fixtures import Fixture, Scope
from ..analysis.module_state import class_of, matching_teardown, module_state_roots, mutations_in
from ..analysis.restores import UNDO, classify
from ..analysis.state_guards import usefixtures_names
from ..model.resolve import FixtureResolver
from ..rules import RULES
from ..settings import Settings
from .shared_values import Violation, fixture_location

FXS022_REMEDY = "change it in a function-scoped fixture with monkeypatch, or make the fixture autouse"
FXS020_REMEDY = "use monkeypatch, or restore it in a finally block or teardown"
# Where no ``monkeypatch`` fixture can be requested: a broad autouse fixture, a module or class set-up.
FXS020_BROAD_REMEDY = "use pytest.MonkeyPatch.context(), or restore it after the yield or in the teardown"
FXS023_REMEDY = "move the undo into a finally block or teardown, or use monkeypatch"
FXS023_BROAD_REMEDY = "move the undo into a finally block or teardown, or use pytest.MonkeyPatch.context()"
_BROAD_SETUPS = frozenset({"setup_module", "setUpModule", "setup_class", "setUpClass"})


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
            reported: set[str] = set()
            for mutation in found:
                if not mutation.restoring and mutation.code != UNDO and mutation.key not in reported:
                    reported.add(mutation.key)
                    yield self._fxs022(mutation, consumer)
            return
        if consumer.is_test:
            found = found + self._guards_of(consumer)
        broad = consumer.scope > Scope.FUNCTION
        yield from self._report(found, broad)

    def _report(self, found: list[Mutation], broad: bool) -> Iterator[Violation]:
        left, late = classify(found)
        for mutation in left:
            yield self._fxs020(mutation, broad)
        for mutation, undo in late:
            yield self._fxs023(mutation, undo, broad)

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
        found = mutations_in(setup, roots, self.context, matching_teardown(setup))
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


def _violation(mutation: Mutation, message: str) -> Violation:
    return Violation(mutation.node.lineno or 1, mutation.node.col_offset or 0, message)
