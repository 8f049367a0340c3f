"""What a project function changes in its own module or class when it is called.

A test that calls ``configure()`` changes ``config.DEBUG`` as surely as one that assigns it,
when ``configure`` rebinds the global; so does a classmethod that writes ``cls.registry`` or a
constructor that bumps a class counter. A function is summarised by walking it with the
module-state rules, its module's names as roots (the objects it creates and returns are not),
following its own calls to a bounded depth. A summary is kept per function and depth left,
and never when a cycle cut it short, so the answer never depends on what was checked before.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from astroid import bases, nodes

from . import inference
from .calls import function_label
from .counters import counter_name
from .events import Context, ModuleObject, Mutation, Origin
from .names import subscript_text
from ..project import relative

MAX_SUMMARY_DEPTH = 3


@dataclass(frozen=True)
class Change:
    """One change a call makes: the state (canonical, module-qualified), and where and how."""

    key: str
    action: str
    where: str  # path:line of the write
    origin: Origin  # as the function's own module names it (for a call from that same module)
    local_key: str
    # The parameter the change is about: the key it writes or deletes (``REGISTRY[name]``),
    # the element it adds or removes (``LISTENERS.append(listener)``); "" when none is.
    parameter: str = ""
    counter: str = ""  # the name of the creation-order counter it increments (``counters``)


_SUMMARIES: weakref.WeakKeyDictionary[nodes.FunctionDef, dict[int, tuple[Change, ...]]] = (
    weakref.WeakKeyDictionary()
)

# (function, its roots, depth) -> every change the walk found, and whether it saw all of it.
Walker = Callable[[nodes.FunctionDef, int], tuple[list[Mutation], bool]]


def called_function(call: nodes.Call, context: Context) -> nodes.FunctionDef | None:
    """The project function, method, classmethod or constructor (``__init__``) a call runs."""
    return function_named_by(call.func, context)


def function_named_by(expr: nodes.NodeNG, context: Context) -> nodes.FunctionDef | None:
    """The project function (method, classmethod, constructor) that calling ``expr`` runs."""
    for value in inference.infer_values(expr):
        if isinstance(value, nodes.ClassDef):
            init = value.locals.get("__init__", [None])[0]
            func: object = init
        else:
            func = value
        for _ in range(3):
            if isinstance(func, nodes.FunctionDef):
                break
            func = getattr(func, "_proxied", None)
        if isinstance(func, nodes.FunctionDef) and context.is_project_file(func.root().file or ""):
            if isinstance(value, (nodes.FunctionDef, nodes.ClassDef, bases.BoundMethod, bases.UnboundMethod)):
                return func
    return None


def summary(func: nodes.FunctionDef, depth: int, walk: Walker, context: Context
            ) -> tuple[tuple[Change, ...], bool]:
    """The module- and class-level changes calling ``func`` makes (none past the depth limit),
    and whether the walk saw all of them (a cycle may cut it short: then it is not kept)."""
    if depth >= MAX_SUMMARY_DEPTH:
        return (), True
    kept = _SUMMARIES.get(func, {})
    if depth in kept:
        return kept[depth], True
    if func in context.active:
        return (), False
    context.active.add(func)
    try:
        mutations, complete = walk(func, depth + 1)
    finally:
        context.active.discard(func)
    changes = tuple(_change(func, m) for m in mutations if not m.restoring)
    if complete:
        _SUMMARIES.setdefault(func, {})[depth] = changes
    return changes, complete


def _change(func: nodes.FunctionDef, mutation: Mutation) -> Change:
    where = mutation.site_where or f"{relative(func.root().file or '')}:{mutation.node.lineno}"
    action = mutation.site_action or mutation.action
    parameter = "" if mutation.site_where else _parameter_changed(func, mutation.node)
    counter = mutation.counter if mutation.site_where else counter_name(mutation.node)
    return Change(canonical_key(mutation, func.root().name), action, where, mutation.origin, mutation.key,
                  parameter, counter)


# Methods whose first argument is the key or the element they add or remove.
_KEYED_METHODS = frozenset({"pop", "remove", "discard", "append", "add", "setdefault", "__setitem__",
                            "__delitem__", "appendleft"})


def _parameter_changed(func: nodes.FunctionDef, node: nodes.NodeNG) -> str:
    """``name`` for ``REGISTRY[name] = x``, ``del REGISTRY[name]``, ``LISTENERS.remove(name)``
    when ``name`` is a parameter of ``func``."""
    chosen: nodes.NodeNG | None = None
    if isinstance(node, nodes.Subscript):
        chosen = node.slice
    elif (isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) and node.args
          and node.func.attrname in _KEYED_METHODS):
        chosen = node.args[0]
    if not isinstance(chosen, nodes.Name):
        return ""
    params = {a.name for a in [*(func.args.posonlyargs or []), *(func.args.args or []),
                               *(func.args.kwonlyargs or [])]}
    return str(chosen.name) if chosen.name in params else ""


def bound_arguments(func: nodes.FunctionDef, args: list[nodes.NodeNG], keywords: list[nodes.Keyword],
                    bound: bool) -> dict[str, nodes.NodeNG]:
    """Which argument each parameter of ``func`` receives from a call (``bound``: the first
    parameter is the receiver, ``self`` or ``cls``)."""
    positional = list(func.args.posonlyargs or []) + list(func.args.args or [])
    if bound:
        positional = positional[1:]
    found = {param.name: arg for param, arg in zip(positional, args) if not isinstance(arg, nodes.Starred)}
    found.update({kw.arg: kw.value for kw in keywords if kw.arg})
    return found


def is_bound_call(func_expr: nodes.NodeNG, func: nodes.FunctionDef) -> bool:
    """``obj.method(x)``, ``Class.classmethod(x)``, ``Class(x)``: the receiver is passed first."""
    if func.name == "__init__":
        return True
    return func.type in ("method", "classmethod") and isinstance(func_expr, nodes.Attribute)


def canonical_key(mutation: Mutation, module: str) -> str:
    """The state a mutation changes, named from its module: ``pkg.config.DEBUG``, ``os.environ``."""
    source = mutation.origin.source
    if isinstance(source, ModuleObject):
        if source.qualified:
            return source.qualified + mutation.key[len(source.name):]
        if source.kind in ("object", "global", "class"):
            return f"{module}.{mutation.key}"
    return mutation.key


def call_mutation(call: nodes.NodeNG, func: nodes.FunctionDef, change: Change, restoring: bool,
                  arguments: dict[str, nodes.NodeNG] | None = None) -> Mutation:
    """The change, reported at the call in the test and naming the function and its line; the
    key or element it is about is the argument the call passes for it (``register("a")``
    changes ``REGISTRY["a"]``)."""
    label = function_label(func)
    action = f"calling '{label}()' ({change.action} at {change.where})"
    passed = (arguments or {}).get(change.parameter) if change.parameter else None
    argument = subscript_text(passed) if passed is not None else ""
    key, local_key = change.key, change.local_key
    if argument and key.endswith(f"[{change.parameter}]"):
        key = f"{key[: -len(change.parameter) - 2]}[{argument}]"
        local_key = f"{local_key[: -len(change.parameter) - 2]}[{argument}]"
    if func.root() is call.root():  # the caller's own module: its state, named as the caller names it
        return Mutation("FXS020", call, action, change.origin, local_key, restoring,
                        change.action, label, change.where, argument, change.counter)
    origin = Origin(key, ModuleObject(key, "called", key))
    return Mutation("FXS020", call, action, origin, key, restoring, change.action, label, change.where,
                    argument, change.counter)
