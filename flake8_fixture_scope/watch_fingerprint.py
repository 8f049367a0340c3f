"""Bounded structural fingerprints of Python values, and the differences between two of them.

A fingerprint is built from plain, immutable Python values so that it can be kept while the
value it describes goes on changing: a primitive (``None``, numbers, strings, bytes) is its own
fingerprint; anything else becomes a tuple whose first element is a one-letter tag:

- ``("L", type, id, length, items)``: a list, tuple or deque, the first elements only;
- ``("D", type, id, length, {key: fingerprint})``: a dict or one of its subclasses;
- ``("S", type, id, length, frozenset or None)``: a set, its elements when there are few;
- ``("B", type, id, length, bytes or None)``: a bytearray;
- ``("O", type, id, {attribute: fingerprint})``: an object, through ``__dict__`` and ``__slots__``;
- ``("M", type, id, calls)``: a ``unittest.mock`` object and the number of calls it recorded;
- ``("R", id)``: an object already described elsewhere in the same snapshot (shared, or a cycle);
- ``("T", type, id, tuple)``: a tuple of values that can never change, kept by reference;
- ``("X", type, id)``: an object of a kind that is not looked into (a function, a module, a
  C object, a callable object): only its identity counts;
- ``("C", type, id)``: an object cut off by the depth or size bounds, or unreadable: only its
  identity counts, whatever the other side says.

Nothing is copied deeper than one level and no user code runs except ``len()`` and iteration
of the containers themselves.
"""

from __future__ import annotations

import collections
import enum
import sys
import types
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Final

PRIMITIVES: Final[frozenset[type]] = frozenset(
    {type(None), bool, int, float, complex, str, bytes, type(Ellipsis), range}
)
_is_primitive: Final = PRIMITIVES.__contains__
# Values compared by identity and never looked into: kept as they are inside a fingerprint.
_ATOMIC: set[type] = {*PRIMITIVES, types.FunctionType, types.BuiltinFunctionType, types.ModuleType, type}
_is_atomic: Final = _ATOMIC.__contains__

ABSENT: Final = ("A",)
"""Stands for a key, attribute or variable that does not exist on one side of a difference."""

_SEQ, _MAP, _SET, _BYTES, _OBJ, _MOCK, _OPAQUE = range(7)
_OPAQUE_TYPES: Final = (
    type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType,
    types.MethodWrapperType, types.WrapperDescriptorType, types.MethodDescriptorType,
    types.CodeType, types.FrameType, types.GeneratorType, types.CoroutineType,
    types.AsyncGeneratorType, types.MappingProxyType, types.TracebackType, property,
    staticmethod, classmethod, enum.Enum,
)
# Objects of these modules are machinery, watched elsewhere (loggers) or not state a test owns.
_OPAQUE_MODULES: Final = (
    "_pytest", "pytest", "pluggy", "logging", "threading", "_thread", "socket", "ssl",
    "asyncio", "io", "_io", "selectors", "subprocess", "weakref", "_weakref", "re",
    "typing", "abc", "flake8_fixture_scope",
)


@dataclass
class Bounds:
    depth: int = 4
    elements: int = 200
    nodes: int = 2000


@dataclass
class Counters:
    """What the watch could not see; reported at the end of the run."""

    unreadable: int = 0
    truncated: int = 0  # snapshots in which a value was cut at the size bounds
    errors: int = 0


_kinds: dict[type, int] = {}
_slots: dict[type, tuple[str, ...]] = {}


def _module_of(tp: type) -> str:
    module = getattr(tp, "__module__", None)
    return module if isinstance(module, str) else ""


def _classify(tp: type) -> int:
    kind = _kinds.get(tp)
    if kind is not None:
        return kind
    module = _module_of(tp)
    if issubclass(tp, (list, tuple, collections.deque)):
        kind = _SEQ
    elif issubclass(tp, dict):
        kind = _MAP
    elif issubclass(tp, (set, frozenset)):
        kind = _SET
    elif issubclass(tp, bytearray):
        kind = _BYTES
    elif issubclass(tp, _OPAQUE_TYPES) or module.split(".")[0] in _OPAQUE_MODULES:
        kind = _OPAQUE
    elif any(c.__name__ == "NonCallableMock" and _module_of(c) in ("unittest.mock", "mock.mock")
             for c in tp.__mro__):
        kind = _MOCK
    elif any("__call__" in vars(c) for c in tp.__mro__[:-1]):
        kind = _OPAQUE  # a callable object (a curried function, a decorator) is code, not data
    else:
        names: list[str] = []
        for klass in tp.__mro__:
            declared = klass.__dict__.get("__slots__", ())
            names.extend((declared,) if isinstance(declared, str) else declared)
        _slots[tp] = tuple(n for n in dict.fromkeys(names) if n not in ("__dict__", "__weakref__"))
        standard = module.split(".")[0] in sys.stdlib_module_names
        # Slotted standard-library objects (Signature, Path, Fraction) are values, not state.
        kind = _OBJ if (tp.__dictoffset__ or (_slots[tp] and not standard)) else _OPAQUE
    _kinds[tp] = kind
    return kind


_frozen: dict[int, tuple[Any, ...]] = {}
_wanted_names: dict[tuple[object, bool, bool], bool] = {}


def is_cache(name: str) -> bool:
    """Caches are state by design: a name that says so is not watched (unless asked)."""
    return "cache" in name.lower()


def _is_frozen(items: tuple[Any, ...]) -> bool:
    """Whether a tuple's fingerprinted items show it can never change (atomic or frozen)."""
    for item in items:
        if type(item) is tuple and item[0] not in ("T", "X"):
            return False
    return True


def is_atomic(value: object) -> bool:
    return _is_atomic(type(value))


def is_looked_into(value: object) -> bool:
    """Whether a fingerprint of ``value`` says more than its identity (data, not code)."""
    tp = type(value)
    return not _is_primitive(tp) and _classify(tp) != _OPAQUE


def is_mock(value: object) -> bool:
    return _classify(type(value)) == _MOCK


class Fingerprinter:
    """Builds the fingerprints of one snapshot: one shared memo, one node budget."""

    def __init__(self, bounds: Bounds, counters: Counters, is_project: Callable[[type], bool],
                 caches: bool = False) -> None:
        self._bounds = bounds
        self._counters = counters
        self._is_project = is_project
        self._caches = caches
        self._budget = bounds.nodes
        self._seen: dict[int, None] = {}
        self.cut = False  # whether a value was cut at the size bounds
        # Objects of classes from outside the project (a hypothesis strategy, a parser from a
        # library) are looked into when they are a fixture's value, and only then.
        self.foreign_objects = True

    def of(self, value: Any, depth: int = 0) -> Any:
        tp = type(value)
        if _is_atomic(tp):
            return value
        oid = id(value)
        if tp is tuple:
            if _frozen.get(oid) is value:
                return ("T", tp, oid, value)
            if all(map(_is_atomic, map(type, value))):  # it never changes: keep the reference only
                if len(_frozen) > 100_000:
                    _frozen.clear()
                _frozen[oid] = value
                return ("T", tp, oid, value)
        if oid in self._seen:
            return ("R", oid)
        kind = _kinds.get(tp)
        if kind is None:
            kind = _classify(tp)
        if kind == _OPAQUE:
            return ("X", tp, oid)
        if depth >= self._bounds.depth:
            return ("C", tp, oid)
        if self._budget <= 0:
            self.cut = True
            return ("C", tp, oid)
        if tp is list and len(value) <= self._bounds.elements:  # the commonest case, made short
            items = tuple(value)
            if all(map(_is_atomic, map(type, items))):
                self._seen[oid] = None
                self._budget -= 1
                return ("L", tp, oid, len(items), items)
        if kind == _OBJ and not self.foreign_objects and not self._is_project(tp):
            return ("X", tp, oid)
        self._seen[oid] = None
        self._budget -= 1
        try:
            return self._build(kind, value, tp, oid, depth + 1)
        except Exception:  # a container changed while read, a broken __dict__: skip it
            self._counters.unreadable += 1
            return ("C", tp, oid)

    def _items(self, values: tuple[Any, ...], depth: int) -> tuple[Any, ...]:
        if all(map(_is_atomic, map(type, values))):
            return values
        self._budget -= len(values)
        return tuple([v if _is_atomic(type(v)) else self.of(v, depth) for v in values])

    def _values(self, copied: dict[Any, Any], depth: int) -> dict[Any, Any]:
        seen, short_lists = self._seen, depth < self._bounds.depth
        for key, value in copied.items():
            tp = type(value)
            if _is_atomic(tp):
                continue
            if (tp is list and short_lists and id(value) not in seen and len(value) <= self._bounds.elements
                    and all(map(_is_atomic, map(type, value)))):  # the commonest case, made short
                seen[id(value)] = None
                copied[key] = ("L", tp, id(value), len(value), tuple(value))
            else:
                copied[key] = self.of(value, depth)
        return copied

    def _wanted(self, name: object, private: bool) -> bool:
        key = (name, private, self._caches)
        wanted = _wanted_names.get(key)
        if wanted is None:
            wanted = (isinstance(name, str) and (private or not name.startswith("_"))
                      and (self._caches or not is_cache(name)))
            if len(_wanted_names) < 100_000:
                _wanted_names[key] = wanted
        return wanted

    def _build(self, kind: int, value: Any, tp: type, oid: int, depth: int) -> Any:
        limit = self._bounds.elements
        if kind == _SEQ:
            length = len(value)
            if length > limit:
                self.cut = True
            items = self._items(tuple(islice(value, limit)), depth)
            if tp is tuple and length <= limit and _is_frozen(items):
                if len(_frozen) > 100_000:
                    _frozen.clear()
                _frozen[oid] = value  # never changes: later snapshots keep the reference only
                return ("T", tp, oid, value)
            return ("L", tp, oid, length, items)
        if kind == _MAP:
            length = len(value)
            if length > limit:
                self.cut = True
                copied = dict(islice(dict.items(value), limit))
            else:
                copied = dict.copy(value)
            if not all(map(_is_atomic, map(type, copied.values()))):
                self._budget -= len(copied)
                copied = self._values(copied, depth)
            return ("D", tp, oid, length, copied)
        if kind == _SET:
            length = len(value)
            return ("S", tp, oid, length, frozenset(value) if length <= limit else None)
        if kind == _BYTES:
            length = len(value)
            return ("B", tp, oid, length, bytes(value) if length <= limit * 16 else None)
        if kind == _MOCK:
            return ("M", tp, oid, len(value.mock_calls))
        return ("O", tp, oid, self._attributes(value, tp, depth))

    def _attributes(self, value: Any, tp: type, depth: int) -> dict[str, Any]:
        private = self._is_project(tp)
        found: dict[str, Any] = {}
        try:
            namespace = object.__getattribute__(value, "__dict__")
        except Exception:
            namespace = None
        if type(namespace) is dict:
            if not _slots.get(tp) and len(namespace) <= self._bounds.elements \
                    and all(map(_is_atomic, map(type, namespace.values()))):
                return {k: v for k, v in namespace.items() if self._wanted(k, private)}
            for name, item in islice(namespace.items(), self._bounds.elements):
                if self._wanted(name, private):
                    found[name] = item
        elif not _slots.get(tp):
            self._counters.unreadable += 1
        for name in _slots.get(tp, ()):
            if self._wanted(name, private):
                try:
                    found[name] = object.__getattribute__(value, name)
                except AttributeError:
                    pass
        self._budget -= len(found)
        return {name: self.of(item, depth) for name, item in found.items()}


@dataclass(frozen=True)
class Change:
    """One difference: where (a path suffix such as ``["users"]`` or ``.debug``) and how."""

    path: str
    kind: str  # "item", "attr", "size" (content or length of a container), "value", "calls"
    before: Any
    after: Any


def oid_of(fp: Any) -> int | None:
    if type(fp) is tuple and len(fp) > 2:
        return fp[2]  # type: ignore[no-any-return]
    if type(fp) is tuple and fp[0] == "R":
        return fp[1]  # type: ignore[no-any-return]
    return None


def _same_primitive(a: Any, b: Any) -> bool:
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:
        return False


def key_path(key: object) -> str:
    """The subscript that names a dict item: ``["users"]``, ``[3]``, ``[<tzoffset>]``."""
    if isinstance(key, str) and '"' not in key and "\\" not in key:
        return f'["{key}"]'
    if _is_primitive(type(key)):
        return f"[{repr(key)[:30]}]"
    return f"[<{type(key).__name__}>]"


def diff(a: Any, b: Any, path: str = "", kind: str = "value") -> list[Change]:
    """The differences between two fingerprints of the same value, outermost first."""
    out: list[Change] = []
    _diff(a, b, path, kind, out)
    return out


def _diff(a: Any, b: Any, path: str, kind: str, out: list[Change]) -> None:
    if a is b:
        return
    if type(a) is not tuple or type(b) is not tuple:
        if not _same_primitive(a, b):
            out.append(Change(path, kind, a, b))
        return
    if a[0] in ("R", "C") or b[0] in ("R", "C"):
        if oid_of(a) != oid_of(b):
            out.append(Change(path, kind, a, b))
        return
    if a[0] != b[0] or a[1] is not b[1] or (a[0] in ("X", "T") and a[2] != b[2]):
        out.append(Change(path, kind, a, b))
        return
    try:
        if a == b:
            return
    except Exception:
        pass
    tag = a[0]
    if tag == "L":
        if a[3] != b[3]:
            out.append(Change(path, "size", a, b))
        else:
            for index, (x, y) in enumerate(zip(a[4], b[4])):
                _diff(x, y, f"{path}[{index}]", "item", out)
    elif tag in ("D", "O"):
        step = key_path if tag == "D" else (lambda name: f".{name}")
        child_kind = "item" if tag == "D" else "attr"
        mine, theirs = a[-1], b[-1]
        before = len(out)
        for key, value in mine.items():
            if tag == "O" and value is None and key.startswith("_"):
                continue  # a private attribute set once, lazily: a cache filled, not state changed
            _diff(value, theirs.get(key, ABSENT), path + step(key), child_kind, out)
        for key, value in theirs.items():
            if key not in mine:
                out.append(Change(path + step(key), child_kind, ABSENT, value))
        if len(out) == before and tag == "D" and a[3] != b[3]:
            out.append(Change(path, "size", a, b))
    elif tag == "M":
        out.append(Change(path, "calls", a, b))
    elif a[3:] != b[3:]:
        out.append(Change(path, "size", a, b))
