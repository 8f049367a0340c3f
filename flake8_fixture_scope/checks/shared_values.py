"""FXS001-FXS003: a narrower consumer changes the value of a broad fixture."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from astroid import nodes

from ..analysis.consumers import Consumer
from ..analysis.fixtures import Fixture, Scope, parametrized_names
from ..analysis.inference import (
    LazyValues, Values, fixture_value, infer_constant, infer_values, parameters_inferring_to,
)
from ..project import relative
from ..analysis.calls import defining_name, may_call_project_code
from ..analysis.events import Context, Mutation, Origin
from ..analysis.walk import MutationFinder
from ..analysis.names import dotted
from ..analysis.definitions import Definitions
from ..model.resolve import FixtureResolver
from ..rules import COPY_OR_NARROW, RULES
from ..settings import Settings

_MAX_HANDOUT_DEPTH = 2
# Standard modules whose calls make the plain values value kinds are about: cheap to infer.
VALUE_MODULES = frozenset({"builtins", "collections", "dataclasses", "types", "typing", "enum", "array"})
_SELF_STORES = ("self.", "request.instance.", "request.cls.")


@dataclass(frozen=True)
class Violation:
    line: int
    col: int
    message: str

    @property
    def code(self) -> str:
        return self.message.split(" ", 1)[0]


@dataclass(frozen=True)
class Traced:
    """A tracked parameter: where its value comes from and what astroid says it is."""

    origin: Origin
    values: Values


def fixture_location(fixture: Fixture) -> str:
    if not fixture.is_readable:
        return fixture.path.strip("<>")
    return f"{relative(fixture.path)}:{fixture.line}"


class SharedValueCheck:
    """Finds mutations of broad fixture values in the consumers of one file."""

    def __init__(self, resolver: FixtureResolver, definitions: Definitions, settings: Settings,
                 context: Context) -> None:
        self.resolver = resolver
        self.definitions = definitions
        self.settings = settings
        self.context = context

    def check(self, receiving: list[Consumer], consumers: list[Consumer]) -> Iterator[Violation]:
        """Mutations by the ``receiving`` consumers (of all the file's ``consumers``)."""
        for consumer in receiving:
            roots, tips = self.traced_parameters(consumer, 0)
            stored, stored_tips = self._stored_on_self(consumer, consumers)
            roots.update(stored)
            tips.update(stored_tips)
            calls = self._fixture_value_calls(consumer)
            if not roots and not calls:
                continue
            for call, traced in calls.items():
                tips[call] = traced.values
            context = self._context_for(consumer, calls)
            with parameters_inferring_to(tips):
                mutations = MutationFinder(context).find(consumer.func, roots)
            for mutation in mutations:
                violation = self._violation(mutation)
                if violation is not None:
                    yield violation

    # ------------------------------------------------------------------ what is shared
    def is_shared(self, fixture: Fixture, consumer: Consumer) -> bool:
        scope = fixture.scope
        if scope is None or fixture.name in self.settings.allow_mutation:
            return False
        if scope == Scope.CLASS and consumer.cls is None:
            return False  # pytest re-creates it for every module-level test
        return scope in self.settings.broad_scopes and scope > consumer.scope

    def traced_parameters(self, consumer: Consumer, depth: int
                          ) -> tuple[dict[str, Origin], dict[nodes.NodeNG, Values]]:
        roots: dict[str, Origin] = {}
        tips: dict[nodes.NodeNG, Values] = {}
        supplied = parametrized_names(consumer.func)
        for param in consumer.params:
            if param.name in supplied:
                continue
            fixture = self.resolver.resolve(param.name, consumer.cls_key, consumer.fixture)
            traced = self.trace_fixture(fixture, consumer, depth) if fixture else None
            if traced is not None:
                roots[param.name] = traced.origin
                tips[param] = traced.values
        return roots, tips

    def trace_fixture(self, fixture: Fixture, consumer: Consumer, depth: int) -> Traced | None:
        """How ``fixture``'s value reaches ``consumer`` if it is (part of) a broad value."""
        if self.is_shared(fixture, consumer):
            node = self.definitions.node_of(fixture)
            values: Values = self._value_of(node) if node is not None else []
            return Traced(Origin(fixture.name, fixture), values)
        if not fixture.is_readable or fixture.scope is None or depth >= _MAX_HANDOUT_DEPTH:
            return None
        node = self.definitions.node_of(fixture)
        if node is None:
            return None
        provider = Consumer(node, consumer.cls, fixture.scope, fixture)
        roots, tips = self.traced_parameters(provider, depth + 1)
        if not roots:
            return None
        finder = MutationFinder(Context())
        with parameters_inferring_to(tips):
            finder.find(node, roots)
            values = self._value_of(node).get()  # the tips on its own parameters are needed now
        for origin in finder.handouts:
            source = origin.source
            if isinstance(source, Fixture) and self.is_shared(source, consumer):
                return Traced(origin, values)
        return None

    def _value_of(self, node: nodes.FunctionDef) -> LazyValues:
        return fixture_value(node, self._is_library_call)

    def _is_library_call(self, func: nodes.NodeNG) -> bool:
        """A call into an installed package (not the project, the builtins, or the standard
        library modules that make plain values)."""
        name = defining_name(func)
        if name is None or name.split(".")[0] in VALUE_MODULES:
            return False
        return not may_call_project_code(func, self.context.is_project_module)

    def _stored_on_self(self, consumer: Consumer, consumers: list[Consumer]
                        ) -> tuple[dict[str, Origin], dict[nodes.NodeNG, Values]]:
        """``self.x`` in a test method, when an autouse fixture of its class stored a value there.

        Also inference tips that make each ``self.x`` of the test infer to the stored value.
        """
        stored: dict[str, Origin] = {}
        values: dict[str, list[Any]] = {}
        if not consumer.is_test or consumer.cls is None:
            return stored, {}
        self_name = consumer.func.args.args[0].name if consumer.func.args.args else "self"
        for other in consumers:
            if other.fixture is None or not other.fixture.autouse or other.cls is not consumer.cls:
                continue
            roots, tips = self.traced_parameters(other, 0)
            if not roots:
                continue
            finder = MutationFinder(Context())
            with parameters_inferring_to(tips):
                finder.find(other.func, roots)
                values.update(_values_stored_on_self(other.func))
            for key, origin in finder.aliases.items():
                attribute = _self_attribute(key)
                if attribute is not None:
                    stored[f"{self_name}.{attribute}"] = origin
        return stored, _self_attribute_tips(consumer.func, self_name, values)

    def _fixture_value_calls(self, consumer: Consumer) -> dict[nodes.Call, Traced]:
        """``request.getfixturevalue("name")`` calls that fetch a broad value."""
        found: dict[nodes.Call, Traced] = {}
        for call in consumer.func.nodes_of_class(nodes.Call):
            func = call.func
            if not (isinstance(func, nodes.Attribute) and func.attrname == "getfixturevalue"):
                continue
            name = infer_constant(call.args[0]) if call.args else None
            if not isinstance(name, str):
                continue
            fixture = self.resolver.resolve(name, consumer.cls_key, consumer.fixture)
            traced = self.trace_fixture(fixture, consumer, 0) if fixture else None
            if traced is not None:
                found[call] = traced
        return found

    def _context_for(self, consumer: Consumer, calls: dict[nodes.Call, Traced]) -> Context:
        def extra_origin(call: nodes.Call) -> Origin | None:
            traced = calls.get(call)
            return traced.origin if traced else None

        return Context(
            mutating_methods=self.context.mutating_methods,
            extra_origin=extra_origin,
            is_project_file=self.context.is_project_file,
            is_project_module=self.context.is_project_module,
        )

    # ------------------------------------------------------------------ messages
    def _violation(self, mutation: Mutation) -> Violation | None:
        fixture = mutation.origin.source
        if not isinstance(fixture, Fixture) or fixture.scope is None:
            return None
        message = RULES[mutation.code].format(
            action=mutation.action,
            target=mutation.origin.path,
            scope=fixture.scope.label,
            fixture=fixture.name,
            location=fixture_location(fixture),
            remedy=COPY_OR_NARROW,
        )
        return Violation(mutation.node.lineno or 1, mutation.node.col_offset or 0, message)


def _self_attribute(key: str) -> str | None:
    """``x`` for ``self.x``, ``request.instance.x`` or ``request.cls.x``."""
    for prefix in _SELF_STORES:
        if key.startswith(prefix) and key.count(".") == prefix.count("."):
            return key[len(prefix):]
    return None


def _values_stored_on_self(func: nodes.FunctionDef) -> dict[str, list[Any]]:
    """What each ``self.x = value`` in ``func`` stores, as inferred now."""
    found: dict[str, list[Any]] = {}
    for assign in func.nodes_of_class(nodes.Assign):
        for target in assign.targets:
            base = dotted(target.expr) if isinstance(target, nodes.AssignAttr) else None
            attribute = _self_attribute(f"{base}.{target.attrname}") if base else None
            if attribute:
                found[attribute] = infer_values(assign.value)
    return found


def _self_attribute_tips(func: nodes.FunctionDef, self_name: str, values: dict[str, list[Any]]
                         ) -> dict[nodes.NodeNG, Values]:
    tips: dict[nodes.NodeNG, Values] = {}
    for node in func.nodes_of_class(nodes.Attribute):
        if isinstance(node.expr, nodes.Name) and node.expr.name == self_name and values.get(node.attrname):
            tips[node] = values[node.attrname]
    return tips
