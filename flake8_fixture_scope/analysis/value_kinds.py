"""What kind of value an expression holds, as far as mutation goes: what refuses assignment,
what an in-place operator changes. Asked only about expressions a walk already traced."""

from __future__ import annotations

from typing import Any

from astroid import nodes

from . import inference
from .names import qualified_name

_IN_PLACE_DUNDERS = {
    "+": "__iadd__", "-": "__isub__", "*": "__imul__", "|": "__ior__", "&": "__iand__",
    "^": "__ixor__", "@": "__imatmul__", "<<": "__ilshift__", ">>": "__irshift__",
    "/": "__itruediv__", "//": "__ifloordiv__", "%": "__imod__", "**": "__ipow__",
}
# Built-in containers whose instances have no __dict__: attribute assignment raises.
_NO_INSTANCE_DICT = frozenset(
    {"builtins.list", "builtins.dict", "builtins.set", "builtins.bytearray", "collections.deque",
     "collections.defaultdict", "array.array"}
)
_FROZEN_DECORATORS = ("attr.frozen", "attrs.frozen", "attr.s", "attrs.define", "attr.define",
                      "attrs.mutable", "dataclasses.dataclass", "pydantic.dataclasses.dataclass")


def changes_in_place(node: nodes.AugAssign) -> bool:
    """``x += y`` changes the object itself when ``x`` is mutable."""
    values = _values_before(node)
    if not values:
        return False
    if inference.all_values_are(values, inference.MUTABLE_BUILTINS):
        return True
    dunder = _IN_PLACE_DUNDERS.get(node.op.rstrip("="), "")
    for value in values:
        cls = inference.instance_class(value)
        if cls is None or cls.root().name == "builtins":
            return False
        try:
            cls.getattr(dunder)
        except Exception:
            return False
    return True


def _values_before(node: nodes.AugAssign) -> list[Any]:
    """What the target holds before ``x op= y``; astroid infers the target as the result."""
    target = node.target
    if not isinstance(target, nodes.AssignName):
        return inference.infer_values(target)
    try:
        _scope, bindings = target.lookup(target.name)
    except Exception:
        return []
    values: list[Any] = []
    for binding in bindings:
        if binding is target:
            continue
        found = inference.infer_values(binding)
        if not found:
            return []
        values.extend(found)
    return values


def refuses_item_assignment(owner: nodes.NodeNG) -> bool:
    """A tuple (named tuples too), string, bytes or frozenset: ``v[k] = x`` raises."""
    values = inference.infer_values(owner)
    return bool(values) and all(_is_immutable_sequence(value) for value in values)


def _is_immutable_sequence(value: object) -> bool:
    if inference.type_name(value) in inference.IMMUTABLE_BUILTINS:
        return True
    cls = inference.instance_class(value)
    try:
        return cls is not None and any(c.qname() == "builtins.tuple" for c in cls.ancestors())
    except Exception:
        return False


def refuses_assignment(owner: nodes.NodeNG) -> bool:
    """The object is a frozen dataclass, attrs class, named tuple or other immutable."""
    values = inference.infer_values(owner)
    return bool(values) and all(_is_frozen(value) for value in values)


def _is_frozen(value: object) -> bool:
    if inference.type_name(value) in inference.IMMUTABLE_BUILTINS | _NO_INSTANCE_DICT:
        return True
    cls = inference.instance_class(value)
    if cls is None:
        return False
    try:
        classes = [cls, *cls.ancestors()]
    except Exception:
        classes = [cls]
    return any(_frozen_class(c) for c in classes)


def _frozen_class(cls: nodes.ClassDef) -> bool:
    if cls.qname() in ("builtins.tuple",):
        return True
    for decorator in cls.decorators.nodes if cls.decorators else []:
        call = decorator if isinstance(decorator, nodes.Call) else None
        name = qualified_name(call.func if call else decorator) or ""
        if name in ("attr.frozen", "attrs.frozen"):
            return True
        if call is not None and name.endswith(_FROZEN_DECORATORS):
            frozen = next((kw.value for kw in call.keywords or () if kw.arg == "frozen"), None)
            if isinstance(frozen, nodes.Const) and frozen.value is True:
                return True
    return False
