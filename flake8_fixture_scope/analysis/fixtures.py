"""Fixture requests and parametrize marks read from the checked file's astroid tree."""

from __future__ import annotations

from astroid import nodes

from ..model.fixture import Fixture, Scope
from .names import qualified_name

__all__ = ["Fixture", "Scope", "parametrized_names", "requested_params"]

# Patch decorators that pass the mock as an extra leading argument.
_INJECTING_PATCHES = ("mock.patch", "mock.patch.object")


def requested_params(func: nodes.FunctionDef, is_method: bool) -> list[nodes.AssignName]:
    """Parameters pytest fills with fixtures: no defaults, no positional-only, not self."""
    args = func.args
    if args.args is None:
        return []
    positional = list(args.posonlyargs or []) + list(args.args)
    defaulted = len(args.defaults or [])
    without_default = positional[: len(positional) - defaulted] if defaulted else positional
    params = [p for p in without_default if p not in (args.posonlyargs or [])]
    if is_method and not _is_staticmethod(func) and positional and params[:1] == positional[:1]:
        params = params[1:]
    params = params[_patch_decorator_count(func):]
    for kwarg, default in zip(args.kwonlyargs or [], args.kw_defaults or []):
        if default is None:
            params.append(kwarg)
    return params


def _is_staticmethod(func: nodes.FunctionDef) -> bool:
    decorators = func.decorators.nodes if func.decorators else []
    return any(qualified_name(d) == "builtins.staticmethod" for d in decorators)


def _patch_decorator_count(func: nodes.FunctionDef) -> int:
    count = 0
    for decorator in func.decorators.nodes if func.decorators else []:
        if not isinstance(decorator, nodes.Call):
            continue
        name = qualified_name(decorator.func) or ""
        if not name.endswith(_INJECTING_PATCHES):
            continue
        gives_new = any(kw.arg == "new" for kw in decorator.keywords or ())
        new_position = 2 if name.endswith("object") else 1
        if gives_new or len(decorator.args) > new_position:
            continue
        count += 1
    return count


def parametrized_names(func: nodes.FunctionDef) -> set[str]:
    """Argument names supplied by ``pytest.mark.parametrize`` on the function or its classes."""
    marks: list[nodes.NodeNG] = list(func.decorators.nodes) if func.decorators else []
    for scope in _enclosing_scopes(func):
        if isinstance(scope, nodes.ClassDef) and scope.decorators:
            marks.extend(scope.decorators.nodes)
        marks.extend(_pytestmark_values(scope))
    names: set[str] = set()
    for mark in marks:
        names |= _parametrize_argnames(mark)
    return names


def _enclosing_scopes(func: nodes.FunctionDef) -> list[nodes.LocalsDictNodeNG]:
    scopes: list[nodes.LocalsDictNodeNG] = []
    node: nodes.NodeNG | None = func.parent
    while node is not None:
        if isinstance(node, (nodes.ClassDef, nodes.Module)):
            scopes.append(node)
        node = node.parent
    return scopes


def _pytestmark_values(scope: nodes.LocalsDictNodeNG) -> list[nodes.NodeNG]:
    values: list[nodes.NodeNG] = []
    for statement in scope.body:
        if isinstance(statement, nodes.Assign) and any(
            isinstance(t, nodes.AssignName) and t.name == "pytestmark" for t in statement.targets
        ):
            value = statement.value
            values.extend(value.elts if isinstance(value, (nodes.List, nodes.Tuple)) else [value])
    return values


def parametrize_call(mark: nodes.NodeNG) -> nodes.Call | None:
    if isinstance(mark, nodes.Call) and (qualified_name(mark.func) or "").endswith("mark.parametrize"):
        return mark
    return None


def parametrize_argnames(call: nodes.Call) -> list[str]:
    argnames = call.args[0] if call.args else next(
        (kw.value for kw in call.keywords or () if kw.arg == "argnames"), None
    )
    if isinstance(argnames, nodes.Const) and isinstance(argnames.value, str):
        return [n.strip() for n in argnames.value.split(",") if n.strip()]
    if isinstance(argnames, (nodes.List, nodes.Tuple)):
        return [e.value for e in argnames.elts if isinstance(e, nodes.Const) and isinstance(e.value, str)]
    return []


def _parametrize_argnames(mark: nodes.NodeNG) -> set[str]:
    call = parametrize_call(mark)
    if call is None:
        return set()
    names = set(parametrize_argnames(call))
    indirect = next((kw.value for kw in call.keywords or () if kw.arg == "indirect"), None)
    if isinstance(indirect, nodes.Const) and indirect.value is True:
        return set()
    if isinstance(indirect, (nodes.List, nodes.Tuple)):
        names -= {e.value for e in indirect.elts if isinstance(e, nodes.Const)}
    return names
