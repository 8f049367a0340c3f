"""``exec`` and ``eval`` given a namespace: they write the dicts they are handed.

``exec(code, NS)`` binds in ``NS`` (or in ``LOCALS`` when given) every name the code assigns,
and both builtins add ``__builtins__`` to a globals dict that lacks it. A module's own
namespace (``vars(mod)``, ``mod.__dict__``, ``globals()``) already holds ``__builtins__``: there
only the names the code binds are written. Without a globals argument the code runs in the
caller's namespaces (a function's locals): nothing module-level is handed over.
"""

from __future__ import annotations

import ast

from astroid import nodes

from .names import qualified_name
from . import inference

_RUNNERS = frozenset({"builtins.exec", "builtins.eval"})
# The root under which ``globals()`` (the calling module's namespace) is tracked.
OWN_GLOBALS = "globals()"


def namespace_arguments(call: nodes.Call) -> list[nodes.NodeNG]:
    """The globals and locals dicts an ``exec``/``eval`` call is given, positional or keyword."""
    if qualified_name(call.func) not in _RUNNERS:
        return []
    given = list(call.args[1:3])
    given += [kw.value for kw in call.keywords or () if kw.arg in ("globals", "locals")]
    return given


def binds_into_separate_locals(call: nodes.Call, namespace: nodes.NodeNG) -> bool:
    """``exec(code, globals(), scratch)``: given a locals dict of its own, the code binds its
    names there; ``namespace``, the globals, gets only what a ``global`` statement in it binds
    (code that is not a constant string is taken to have none)."""
    given_locals = call.args[2] if len(call.args) > 2 else next(
        (kw.value for kw in call.keywords or () if kw.arg == "locals"), None)
    if given_locals is None or given_locals is namespace:
        return False
    code = inference.infer_constant(call.args[0]) if call.args else None
    return not (isinstance(code, str) and "global" in code)


def is_eval(call: nodes.Call) -> bool:
    return qualified_name(call.func) == "builtins.eval"


def bound_names(call: nodes.Call) -> set[str] | None:
    """The names the constant code of ``exec``/``eval`` binds at its top level; None when the
    code is not a constant string (or does not parse): anything may be bound."""
    code = inference.infer_constant(call.args[0]) if call.args else None
    if not isinstance(code, str):
        return None
    try:
        tree = ast.parse(code, mode="eval" if is_eval(call) else "exec")
    except (SyntaxError, ValueError):
        return None
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names  # names bound in nested scopes are included: a cheap over-approximation


def writes_module_namespace(call: nodes.Call) -> bool:
    """Running into a module's own namespace (which has ``__builtins__`` already) writes it
    only when the code binds a name."""
    names = bound_names(call)
    return names is None or bool(names)


def is_own_globals(expr: nodes.NodeNG) -> bool:
    """``globals()``: the namespace of the module the call is in."""
    return isinstance(expr, nodes.Call) and not expr.args and qualified_name(expr.func) == "builtins.globals"


def rebinds_own_module_names(call: nodes.Call, module: nodes.Module) -> bool:
    """``exec(code, globals())`` binding a name the module defines or reads (a test module's
    fresh name, which nothing reads, is not observable; unknown code may bind anything that is)."""
    names = bound_names(call)
    if names is None:
        return True
    read = {n.name for n in module.nodes_of_class(nodes.Name)}
    return any(name in module.locals or name in read for name in names)
