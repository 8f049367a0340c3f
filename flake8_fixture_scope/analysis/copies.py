"""What a copy shares with what it copies: one definition for every family (FXS001-FXS003 on
fixture values, FXS020-FXS023 on module-level state).

- A shallow copy (``x.copy()``, ``dict(x)``, ``list(x)``, ``set(x)``, ``x[:]``, ``{**x}``,
  ``[*x]``, ``copy.copy(x)``) is a new object at its top level; everything it holds is still
  ``x``'s (``c["device"]["flag"] = False`` changes ``x["device"]``).
- A member a display gives a value of its own (``{**x, "users": []}``, ``dict(x, users=[])``)
  holds that value, and so does one assigned on the copy later (``c["users"] = []``).
- ``copy.deepcopy(x)`` shares nothing.
- A project class's ``copy()`` (and ``__copy__`` for ``copy.copy``) is read from its source:
  ``return self`` shares everything; a new object shares what the method hands it (``new.rows =
  self.rows``), and when it is built from values the method made or copied, each of its members
  is new at its top level. A ``copy()`` the linter cannot read is a shallow copy.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import replace

from astroid import nodes

from .events import Origin
from .names import subscript_text
from ..vocabulary import DEEP_COPY_FUNCTIONS, SHALLOW_COPY_FUNCTIONS

OriginOf = Callable[[nodes.NodeNG], "Origin | None"]
# What a readable copy method returns, in terms of its ``self`` (None: it cannot be read).
_READINGS: weakref.WeakKeyDictionary[nodes.FunctionDef, Origin | None] = weakref.WeakKeyDictionary()


def is_shallow_copy_function(qualified: str) -> bool:
    return qualified.removeprefix("builtins.") in SHALLOW_COPY_FUNCTIONS


def is_deep_copy_function(qualified: str) -> bool:
    return qualified in DEEP_COPY_FUNCTIONS


def given_keywords(call: nodes.Call, copied: Origin, origin_of: OriginOf) -> Origin:
    """``dict(x, users=[])``: the copy with the keyword members given their own values."""
    for keyword in call.keywords or ():
        if keyword.arg:
            copied = copied.giving(f'["{keyword.arg}"]', origin_of(keyword.value))
    return copied


def display_copy(node: nodes.NodeNG, origin_of: OriginOf) -> Origin | None:
    """``{**x, "users": []}`` and ``[*x]``: a copy of the (first) unpacked value, with the keys
    written after the last unpacking holding their own values."""
    if isinstance(node, nodes.Dict):
        spreads = [i for i, (key, _value) in enumerate(node.items) if isinstance(key, nodes.DictUnpack)]
        copied = next((o.copied() for o in (origin_of(node.items[i][1]) for i in spreads) if o), None)
        if copied is None:
            return None
        for key, value in node.items[spreads[-1] + 1:]:
            if isinstance(key, nodes.Const):
                copied = copied.giving(f"[{subscript_text(key)}]", origin_of(value))
        return copied
    if isinstance(node, (nodes.List, nodes.Tuple, nodes.Set)):
        spread = (origin_of(e.value) for e in node.elts if isinstance(e, nodes.Starred))
        return next((o.copied() for o in spread if o), None)
    return None


Walked = tuple[OriginOf, dict[str, Origin]]  # what an expression holds at the end, and the aliases


def read_copy_method(method: nodes.FunctionDef, walk: Callable[[nodes.FunctionDef, str], Walked | None]
                     ) -> Origin | None:
    """What a readable ``copy()`` returns, rooted at its own ``self`` (None when it cannot tell).

    ``walk(method, self_name)`` walks the method with ``self`` tracked: what an expression holds at
    its end, and the names and attributes bound to tracked values (None when it cannot be walked)."""
    if method in _READINGS:
        return _READINGS[method]
    self_name = method.args.args[0].name if method.args.args else None
    walked = walk(method, self_name) if self_name else None
    if walked is None or not self_name:
        return None  # not walked here (too deep, or already being walked): not kept either
    reading = _returned(method, self_name, walked)
    _READINGS[method] = reading
    return reading


def _returned(method: nodes.FunctionDef, self_name: str, walked: Walked) -> Origin | None:
    returns = [r for r in method.nodes_of_class(nodes.Return) if r.scope() is method and r.value is not None]
    readings = [_what_it_returns(r.value, method, self_name, walked) for r in returns]
    if not readings or any(r is None for r in readings) or len({_key(r) for r in readings}) != 1:
        return None
    return readings[0]


def _key(reading: Origin | None) -> object:
    return None if reading is None else (reading.path, reading.fresh, reading.new_below, reading.given)


def _what_it_returns(value: nodes.NodeNG, method: nodes.FunctionDef, self_name: str,
                     walked: Walked) -> Origin | None:
    origin_of, aliases = walked
    held = origin_of(value)
    if held is not None:
        return held if held.path.startswith(self_name) else None  # (a copy of a part of) itself
    built = value
    given: list[tuple[str, Origin | None]] = []
    if isinstance(value, nodes.Name):  # ``new = Cls(); new.rows = self.rows; return new``
        built = _local_value(value, method)
        for assigned in method.nodes_of_class(nodes.AssignAttr):
            if isinstance(assigned.expr, nodes.Name) and assigned.expr.name == value.name:
                given.append((f".{assigned.attrname}", aliases.get(f"{value.name}.{assigned.attrname}")))
    if not isinstance(built, (nodes.Call, nodes.Dict, nodes.List, nodes.Set, nodes.Tuple)):
        return None
    parts = built.args + [k.value for k in built.keywords or ()] if isinstance(built, nodes.Call) else []
    made = all(p is None or p.fresh for p in map(origin_of, parts))
    return Origin(self_name, None, fresh=True, given=tuple(given), new_below=made)


def _local_value(name: nodes.Name, method: nodes.FunctionDef) -> nodes.NodeNG | None:
    values = [a.parent.value for a in method.nodes_of_class(nodes.AssignName)
              if a.name == name.name and isinstance(a.parent, nodes.Assign)]
    return values[0] if len(values) == 1 else None


def rebased(reading: Origin, self_name: str, receiver: Origin) -> Origin | None:
    """A reading (rooted at the method's ``self``) applied to the object the method was called on."""
    suffix = reading.path[len(self_name):]
    base = receiver.member(suffix) if suffix else receiver
    if base is None:
        return None
    given = tuple((key, rebased(held, self_name, receiver) if held is not None else None)
                  for key, held in reading.given)
    return replace(base, fresh=base.fresh or reading.fresh, given=(*base.given, *given),
                   new_below=base.new_below or reading.new_below)
