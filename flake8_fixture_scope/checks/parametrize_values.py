"""FXS004: a test mutates a mutable value that ``@pytest.mark.parametrize`` supplies."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from astroid import nodes

from ..analysis.consumers import Consumer
from ..analysis.fixtures import parametrize_argnames, parametrize_call, parametrized_names
from ..analysis.inference import infer_values, parameters_inferring_to
from ..analysis.names import assigned_value, name_binding
from ..analysis.events import Context, Origin
from ..analysis.walk import MutationFinder
from ..rules import RULES
from .shared_values import Violation

_MUTABLE_LITERALS = (nodes.List, nodes.Dict, nodes.Set, nodes.ListComp, nodes.DictComp, nodes.SetComp)


@dataclass(frozen=True)
class ParametrizeArgument:
    name: str
    line: int


def check_parametrize_values(consumers: list[Consumer], context: Context) -> Iterator[Violation]:
    for consumer in consumers:
        if not consumer.is_test:
            continue
        roots, tips = _mutable_arguments(consumer)
        if not roots:
            continue
        with parameters_inferring_to(tips):
            mutations = MutationFinder(context).find(consumer.func, roots)
        for mutation in mutations:
            argument = mutation.origin.source
            if not isinstance(argument, ParametrizeArgument):
                continue
            message = RULES["FXS004"].format(
                action=mutation.action, target=mutation.origin.path,
                argument=argument.name, line=argument.line,
            )
            yield Violation(mutation.node.lineno or 1, mutation.node.col_offset or 0, message)


def _mutable_arguments(consumer: Consumer) -> tuple[dict[str, Origin], dict[nodes.NodeNG, list[Any]]]:
    roots: dict[str, Origin] = {}
    tips: dict[nodes.NodeNG, list[Any]] = {}
    params = {param.name: param for param in _all_params(consumer.func)}
    direct = parametrized_names(consumer.func)
    for call in _parametrize_marks(consumer.func):
        for name, values in _values_by_argument(call).items():
            mutable = [v for value in values for v in _mutable_values(value)]
            if name in params and name in direct and mutable:
                roots[name] = Origin(name, ParametrizeArgument(name, call.lineno or 0))
                tips[params[name]] = mutable
    return roots, tips


def _all_params(func: nodes.FunctionDef) -> list[nodes.AssignName]:
    args = func.args
    return [*(args.posonlyargs or []), *(args.args or []), *(args.kwonlyargs or [])]


def _parametrize_marks(func: nodes.FunctionDef) -> list[nodes.Call]:
    decorators = func.decorators.nodes if func.decorators else []
    return [call for call in map(parametrize_call, decorators) if call is not None]


def _values_by_argument(call: nodes.Call) -> dict[str, list[nodes.NodeNG]]:
    """Each argument name with the value nodes the mark hands it, when they can be read."""
    names = parametrize_argnames(call)
    argvalues = call.args[1] if len(call.args) > 1 else next(
        (kw.value for kw in call.keywords or () if kw.arg == "argvalues"), None
    )
    rows = _rows(argvalues)
    found: dict[str, list[nodes.NodeNG]] = {name: [] for name in names}
    for row in rows:
        cells = _unwrap_param(row)
        if len(names) == 1:
            found[names[0]].append(cells[0] if isinstance(row, nodes.Call) and cells else row)
        elif isinstance(cells, list) and len(cells) == len(names):
            for name, cell in zip(names, cells):
                found[name].append(cell)
    return found


def _rows(argvalues: nodes.NodeNG | None) -> list[nodes.NodeNG]:
    if isinstance(argvalues, (nodes.List, nodes.Tuple)):
        return list(argvalues.elts)
    inferred = infer_values(argvalues)
    if len(inferred) == 1 and isinstance(inferred[0], (nodes.List, nodes.Tuple)):
        return list(inferred[0].elts)
    return []


def _unwrap_param(row: nodes.NodeNG) -> list[nodes.NodeNG]:
    """The cells of one row: ``pytest.param(a, b, id=...)``, a tuple, or a single value."""
    if isinstance(row, nodes.Call) and isinstance(row.func, nodes.Attribute) and row.func.attrname == "param":
        return list(row.args)
    if isinstance(row, (nodes.Tuple, nodes.List)):
        return list(row.elts)
    return [row]


def _mutable_values(value: nodes.NodeNG, depth: int = 0) -> list[Any]:
    """The mutable container literal ``value`` is, or names through module constants; else [].

    Read from the syntax alone: parametrize lists hold many names (classes, functions, enum
    members) whose inference would build imported libraries for nothing.
    """
    if isinstance(value, _MUTABLE_LITERALS):
        return [value]
    if isinstance(value, nodes.Name) and depth < 3:
        binding = name_binding(value)
        assigned = assigned_value(binding) if binding is not None else None
        if assigned is not None:
            return _mutable_values(assigned, depth + 1)
    return []
