"""FXS010: a fixture requests a fixture of narrower scope (pytest's ScopeMismatch)."""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes

from ..analysis.consumers import Consumer
from ..analysis.fixtures import Fixture
from ..analysis.inference import infer_constant
from ..known import BROAD_ALTERNATIVES
from ..model.resolve import FixtureResolver
from ..rules import RULES
from .shared_values import Violation, fixture_location


def check_scope_mismatches(consumers: list[Consumer], resolver: FixtureResolver) -> Iterator[Violation]:
    for consumer in consumers:
        requester = consumer.fixture
        if requester is None or requester.scope is None:
            continue
        for name, node in requested_fixture_names(consumer):
            requested = resolver.resolve(name, consumer.cls_key, requester)
            if requested is None or requested.scope is None or requested.scope >= requester.scope:
                continue
            yield _violation(requester, requested, requester.scope.label, requested.scope.label, node)


def requested_fixture_names(consumer: Consumer) -> Iterator[tuple[str, nodes.NodeNG]]:
    """Parameters, then ``request.getfixturevalue("name")`` calls with a constant name."""
    for param in consumer.params:
        yield param.name, param
    for call in consumer.func.nodes_of_class(nodes.Call):
        func = call.func
        if isinstance(func, nodes.Attribute) and func.attrname == "getfixturevalue" and call.args:
            name = infer_constant(call.args[0])
            if isinstance(name, str):
                yield name, call


def _violation(requester: Fixture, requested: Fixture, requester_scope: str, requested_scope: str,
               node: nodes.NodeNG) -> Violation:
    remedy = BROAD_ALTERNATIVES.get(requested.name) if not requested.is_readable else None
    message = RULES["FXS010"].format(
        consumer_scope=requester_scope,
        consumer=requester.name,
        fixture=requested.name,
        scope=requested_scope,
        location=fixture_location(requested),
        remedy=remedy or f"narrow '{requester.name}' or widen '{requested.name}'",
    )
    return Violation(node.lineno or 1, node.col_offset or 0, message)
