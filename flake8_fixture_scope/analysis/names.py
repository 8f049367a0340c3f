"""Syntactic name resolution: what an expression names, through the module's imports."""

from __future__ import annotations

import json

from astroid import nodes

from ..model.index import index_file, module_file

_MAX_ALIAS_DEPTH = 4


def qualified_name(expr: nodes.NodeNG, depth: int = 0) -> str | None:
    """The dotted name an expression refers to, read from imports, or None.

    ``shuffle`` after ``from random import shuffle`` is ``random.shuffle``,
    ``mock.patch`` after ``from unittest import mock`` is ``unittest.mock.patch``,
    an unbound builtin ``setattr`` is ``builtins.setattr``.
    """
    if isinstance(expr, nodes.Attribute):
        base = qualified_name(expr.expr, depth)
        return f"{base}.{expr.attrname}" if base else None
    if not isinstance(expr, nodes.Name):
        return None
    binding = _binding(expr)
    if binding is None or binding.root().name == "builtins":
        return f"builtins.{expr.name}" if _is_unbound(expr) else None
    if isinstance(binding, nodes.Import):
        for name, alias in binding.names:
            if (alias or name.split(".")[0]) == expr.name:
                return str(name) if alias else str(name).split(".")[0]
        return None
    if isinstance(binding, nodes.ImportFrom):
        for name, alias in binding.names:
            if (alias or name) == expr.name:
                return f"{'.' * (binding.level or 0)}{binding.modname}.{name}"
        if any(name == "*" for name, _alias in binding.names):
            return star_imported_name(binding, expr.name)
        return None
    value = assigned_value(binding)
    if value is not None and depth < _MAX_ALIAS_DEPTH:
        return qualified_name(value, depth + 1)
    return None


def star_imported_name(binding: nodes.ImportFrom, name: str) -> str | None:
    """Where ``name``, bound by ``from M import *`` of a project module, is defined."""
    written = "." * (binding.level or 0) + binding.modname
    source = module_file(written, binding.root().file or "")
    index = index_file(source) if source is not None else None
    return index.exports.get(name) if index is not None else None


def assigned_value(binding: nodes.NodeNG) -> nodes.NodeNG | None:
    """The right-hand side of a plain ``name = value`` or ``name: T = value`` binding."""
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Assign):
        if len(binding.parent.targets) == 1 or binding in binding.parent.targets:
            return binding.parent.value
    if isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.AnnAssign):
        return binding.parent.value
    return None


def name_binding(expr: nodes.Name) -> nodes.NodeNG | None:
    """The single statement or target binding ``expr`` at its position, or None."""
    return _binding(expr)


def _binding(expr: nodes.Name) -> nodes.NodeNG | None:
    try:
        _scope, assignments = expr.lookup(expr.name)
    except Exception:  # astroid raises assorted errors on odd trees
        return None
    if len(assignments) != 1:
        return None
    return assignments[0]


def _is_unbound(expr: nodes.Name) -> bool:
    try:
        _scope, assignments = expr.lookup(expr.name)
    except Exception:
        return False
    return not assignments or all(a.root().name == "builtins" for a in assignments)


def expression_root(expr: nodes.NodeNG) -> nodes.Name | None:
    """The name ``a.b().c[0]`` starts from, or None when it starts from something else."""
    while isinstance(expr, (nodes.Attribute, nodes.Call, nodes.Subscript)):
        expr = expr.expr if isinstance(expr, nodes.Attribute) else (
            expr.func if isinstance(expr, nodes.Call) else expr.value)
    return expr if isinstance(expr, nodes.Name) else None


def is_parameter(binding: nodes.NodeNG | None) -> bool:
    return isinstance(binding, nodes.AssignName) and isinstance(binding.parent, nodes.Arguments)


def dotted(expr: nodes.NodeNG) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    if isinstance(expr, nodes.Name):
        return str(expr.name)
    if isinstance(expr, nodes.Attribute):
        base = dotted(expr.expr)
        return f"{base}.{expr.attrname}" if base else None
    return None


def subscript_text(index: nodes.NodeNG) -> str:
    """The index as written, with string keys in double quotes as most code writes them."""
    if isinstance(index, nodes.Const) and isinstance(index.value, str):
        return json.dumps(index.value)
    if isinstance(index, nodes.Tuple) and index.elts:
        return ", ".join(subscript_text(element) for element in index.elts)  # ``t[1, 2]`` as written
    text = str(index.as_string())
    if isinstance(index, nodes.JoinedStr) and text[:2] == "f'" and text[-1:] == "'" and '"' not in text:
        return f'f"{text[2:-1]}"'  # the double quotes of constant keys
    return text


def assigned_value_and_path(target: nodes.NodeNG) -> tuple[nodes.NodeNG | None, list[int]]:
    """The right-hand side that ``target`` (maybe inside a tuple target) receives, and where."""
    path: list[int] = []
    node = target
    while isinstance(node.parent, (nodes.Tuple, nodes.List)):
        path.insert(0, node.parent.elts.index(node))
        node = node.parent
    parent = node.parent
    if isinstance(parent, nodes.Assign) and node in parent.targets:
        return parent.value, path
    return None, path
