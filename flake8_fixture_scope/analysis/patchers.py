"""What a patcher is and what stops it, read from syntax (FXS021).

A receiver is a patcher when its binding is a ``mock.patch*`` call (directly, through a list,
a loop, a ``self`` attribute, or ``append``). A patch is stopped by ``.stop()`` on the same name
or ``self`` attribute, or by ``mock.patch.stopall()``: in the function after the start, in a
nested finalizer, in a registered cleanup, or in a function the teardown calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from astroid import nodes

from .names import dotted, qualified_name

PATCH_FACTORIES = frozenset({"mock.patch", "mock.patch.object", "mock.patch.dict", "mock.patch.multiple"})
_STOPALL = "mock.patch.stopall"
_CLEANUP_REGISTRARS = frozenset(
    {"addfinalizer", "addCleanup", "addClassCleanup", "addModuleCleanup", "callback", "push"}
)
_ITERATION_WRAPPERS = frozenset({"builtins.reversed", "builtins.list", "builtins.tuple", "builtins.sorted"})
_APPENDS = frozenset({"append", "extend", "insert"})
_SELF = "<self>"
_EVERY = "*"  # the key of a stop that stops every started patch
_MAX_DEPTH = 4
_MAX_TEXT = 60

Position = tuple[int, int]


@dataclass(frozen=True)
class Started:
    call: nodes.Call  # the ``.start()`` call
    key: str | None  # what names the patcher ("p", "<self>.patcher"); None for ``patch(...).start()``
    patcher: nodes.Call  # the ``mock.patch*(...)`` call that built it


@dataclass(frozen=True)
class Stop:
    key: str
    position: Position | None  # None: runs at teardown whatever its place in the source

    def covers(self, started: Started) -> bool:
        if self.key != _EVERY and self.key != started.key:
            return False
        return self.position is None or self.position > position_of(started.call)


def position_of(node: nodes.NodeNG) -> Position:
    return (node.lineno or 0, node.col_offset or 0)


def short_text(node: nodes.NodeNG) -> str:
    text = " ".join(str(node.as_string()).split())
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


def is_patch_factory(func: nodes.NodeNG) -> bool:
    return _mock_name(func) in PATCH_FACTORIES


def is_stopall(func: nodes.NodeNG) -> bool:
    return _mock_name(func) == _STOPALL


def _mock_name(func: nodes.NodeNG) -> str:
    """``mock.patch.object`` for ``unittest.mock.patch.object``, for ``mock.patch.object`` (the
    backport) and for a project's re-export (``from tests import mock`` gives
    ``tests.mock.patch.object``)."""
    name = qualified_name(func) or ""
    head, found, rest = name.rpartition("mock.patch")
    if not found or (head and not head.endswith(".")):
        return name
    return found + rest


def receiver_key(expr: nodes.NodeNG) -> str | None:
    """``p``, or ``<self>.patcher`` for ``self.patcher`` / ``cls.patcher``."""
    if isinstance(expr, nodes.AssignAttr):
        base = dotted(expr.expr)
        text = f"{base}.{expr.attrname}" if base else None
    else:
        text = dotted(expr)
    if text is None:
        return None
    head, dot, rest = text.partition(".")
    return f"{_SELF}.{rest}" if dot and head in ("self", "cls") else text


# ---------------------------------------------------------------------- what is a patcher
def patcher_call(expr: nodes.NodeNG, depth: int = 0) -> nodes.Call | None:
    """The ``mock.patch*(...)`` call that ``expr`` evaluates to (or a patcher in it), or None."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(expr, nodes.Call):
        if is_patch_factory(expr.func):
            return expr
        if qualified_name(expr.func) in _ITERATION_WRAPPERS and expr.args:
            return patcher_call(expr.args[0], depth + 1)
        if isinstance(expr.func, nodes.Attribute) and expr.func.attrname == "values":
            return patcher_call(expr.func.expr, depth + 1)
        return None
    if isinstance(expr, (nodes.List, nodes.Tuple, nodes.Set)):
        return _first_patcher(expr.elts, depth)
    if isinstance(expr, nodes.Dict):
        return _first_patcher([value for _key, value in expr.items], depth)
    if isinstance(expr, (nodes.ListComp, nodes.SetComp, nodes.GeneratorExp)):
        return patcher_call(expr.elt, depth + 1)
    if isinstance(expr, nodes.DictComp):
        return patcher_call(expr.value, depth + 1)
    if isinstance(expr, (nodes.Subscript, nodes.Starred)):
        return patcher_call(expr.value, depth + 1)
    if isinstance(expr, (nodes.Name, nodes.Attribute)):
        return _first_patcher(_bound_values(expr), depth)
    return None


def _first_patcher(exprs: list[nodes.NodeNG], depth: int) -> nodes.Call | None:
    for expr in exprs:
        found = patcher_call(expr, depth + 1)
        if found is not None:
            return found
    return None


def _bound_values(expr: nodes.Name | nodes.Attribute) -> list[nodes.NodeNG]:
    """What a name or ``self`` attribute is assigned, iterated from or has appended to it."""
    key = receiver_key(expr)
    if key is None:
        return []
    if isinstance(expr, nodes.Name):
        values = _name_values(expr)
        area: nodes.NodeNG = expr.scope()
    else:
        cls = _enclosing_class(expr)
        if cls is None or not key.startswith(_SELF + "."):
            return []
        values = _attribute_values(cls, key)
        area = cls
    return values + _appended_values(area, key)


def _name_values(expr: nodes.Name) -> list[nodes.NodeNG]:
    try:
        _scope, bindings = expr.lookup(expr.name)
    except Exception:  # astroid raises assorted errors on odd trees
        return []
    values: list[nodes.NodeNG] = []
    for binding in bindings:
        parent = binding.parent
        if isinstance(parent, (nodes.Assign, nodes.AnnAssign, nodes.NamedExpr)) and parent.value:
            values.append(parent.value)
        elif isinstance(parent, (nodes.For, nodes.Comprehension)) and binding is parent.target:
            values.append(parent.iter)
    return values


def _attribute_values(cls: nodes.ClassDef, key: str) -> list[nodes.NodeNG]:
    values: list[nodes.NodeNG] = []
    for target in cls.nodes_of_class(nodes.AssignAttr):
        if receiver_key(target) == key and isinstance(target.parent, (nodes.Assign, nodes.AnnAssign)):
            if target.parent.value is not None:
                values.append(target.parent.value)
    return values


def _appended_values(area: nodes.NodeNG, key: str) -> list[nodes.NodeNG]:
    values: list[nodes.NodeNG] = []
    for call in area.nodes_of_class(nodes.Call):
        func = call.func
        if isinstance(func, nodes.Attribute) and func.attrname in _APPENDS and call.args:
            if receiver_key(func.expr) == key:
                values.append(call.args[-1])
    return values


def _enclosing_class(node: nodes.NodeNG) -> nodes.ClassDef | None:
    current = node.parent
    while current is not None and not isinstance(current, nodes.Module):
        if isinstance(current, nodes.ClassDef):
            return current
        current = current.parent
    return None


def started_patches(func: nodes.FunctionDef) -> Iterator[Started]:
    for call in func.nodes_of_class(nodes.Call):
        callee = call.func
        if isinstance(callee, nodes.Attribute) and callee.attrname == "start" and not call.args:
            patcher = patcher_call(callee.expr)
            if patcher is not None:
                key = None if isinstance(callee.expr, nodes.Call) else receiver_key(callee.expr)
                yield Started(call, key, patcher)


# ---------------------------------------------------------------------- what stops it
def stops_in(func: nodes.FunctionDef, cls: nodes.ClassDef | None, depth: int = 0) -> list[Stop]:
    """Stops ``func`` performs or registers, placed where they run in ``func``.

    A stop in a nested function (a finalizer) or a registered cleanup has no place: it runs at
    teardown. A stop in a function ``func`` calls takes the place of that call.
    """
    found: list[Stop] = []
    for call in func.nodes_of_class(nodes.Call):
        where = None if call.scope() is not func else position_of(call)
        found.extend(_stops_of_call(call, where))
        found.extend(_registered_stops(call, cls, depth))
        target = _called_function(call.func, cls) if depth < 2 else None
        if target is not None and target is not func:
            found.extend(Stop(stop.key, where) for stop in stops_in(target, cls, depth + 1))
    return found


def _stops_of_call(call: nodes.Call, where: Position | None) -> list[Stop]:
    callee = call.func
    if is_stopall(callee):
        return [Stop(_EVERY, where)]
    if isinstance(callee, nodes.Attribute) and callee.attrname == "stop" and not call.args:
        if _is_loop_variable(callee.expr) and patcher_call(callee.expr) is not None:
            return [Stop(_EVERY, where)]  # ``for p in patchers: p.stop()``
        key = receiver_key(callee.expr)
        return [Stop(key, where)] if key else []
    return []


def _registered_stops(call: nodes.Call, cls: nodes.ClassDef | None, depth: int) -> list[Stop]:
    """``request.addfinalizer(p.stop)``, ``self.addCleanup(mock.patch.stopall)``."""
    callee = call.func
    name = callee.attrname if isinstance(callee, nodes.Attribute) else getattr(callee, "name", "")
    if name not in _CLEANUP_REGISTRARS:
        return []
    found: list[Stop] = []
    for arg in call.args:
        if is_stopall(arg):
            found.append(Stop(_EVERY, None))
        elif isinstance(arg, nodes.Attribute) and arg.attrname == "stop":
            key = receiver_key(arg.expr)
            if key:
                found.append(Stop(key, None))
        elif depth < 2:
            target = _called_function(arg, cls)
            if target is not None:
                found.extend(Stop(stop.key, None) for stop in stops_in(target, cls, depth + 1))
    return found


def _is_loop_variable(expr: nodes.NodeNG) -> bool:
    if not isinstance(expr, nodes.Name):
        return False
    try:
        _scope, bindings = expr.lookup(expr.name)
    except Exception:
        return False
    return any(isinstance(b.parent, (nodes.For, nodes.Comprehension)) for b in bindings)


def _called_function(expr: nodes.NodeNG, cls: nodes.ClassDef | None) -> nodes.FunctionDef | None:
    """The function a name or ``self.method`` refers to, when it is in this file or class."""
    if isinstance(expr, nodes.Name):
        try:
            _scope, bindings = expr.lookup(expr.name)
        except Exception:
            return None
        found = [b for b in bindings if isinstance(b, nodes.FunctionDef)]
        return found[0] if len(found) == 1 else None
    key = receiver_key(expr)
    if cls is not None and key is not None and key.count(".") == 1 and key.startswith(_SELF):
        methods = class_methods(cls, key.split(".")[1])
        return methods[0] if methods else None
    return None


def class_methods(cls: nodes.ClassDef, name: str) -> list[nodes.FunctionDef]:
    """Definitions of ``name`` in the class and its ancestors, nearest first."""
    try:
        classes = [cls, *list(cls.ancestors())[:10]]
    except Exception:  # ancestors() infers the bases
        classes = [cls]
    return [
        member for klass in classes if klass.root().name != "builtins"
        for member in klass.locals.get(name, []) if isinstance(member, nodes.FunctionDef)
    ]


def stops_every_patch_after_yield(fixture: nodes.FunctionDef) -> bool:
    """An autouse stopper: ``yield`` then ``mock.patch.stopall()``, or a registered stopall."""
    yields = [position_of(y) for y in fixture.nodes_of_class(nodes.Yield) if y.scope() is fixture]
    after = min(yields) if yields else None
    for stop in stops_in(fixture, _enclosing_class(fixture)):
        if stop.key == _EVERY and (stop.position is None or (after is not None and stop.position > after)):
            return True
    return False
