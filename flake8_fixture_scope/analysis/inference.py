"""The one place that calls astroid inference; every failure becomes "no answer"."""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import astroid
from astroid import bases, nodes, util
from astroid.interpreter.objectmodel import ObjectModel
from astroid.nodes._base_nodes import LookupMixIn

LOG = logging.getLogger("flake8.fixture_scope")
_MAX_VALUES = 8
_UNSET = object()

MUTABLE_BUILTINS = frozenset(
    {
        "builtins.list",
        "builtins.dict",
        "builtins.set",
        "builtins.bytearray",
        "collections.deque",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.Counter",
        "array.array",
    }
)
MUTABLE_ABCS = frozenset(
    f"{module}.{name}"
    for module in ("_collections_abc", "collections.abc", "typing")
    for name in ("MutableMapping", "MutableSequence", "MutableSet")
)
IMMUTABLE_BUILTINS = frozenset(
    {"builtins.tuple", "builtins.str", "builtins.bytes", "builtins.int", "builtins.float",
     "builtins.frozenset", "builtins.bool", "builtins.NoneType", "builtins.complex"}
)


def infer_values(node: nodes.NodeNG | None) -> list[Any]:
    """What ``node`` may be, without Uninferable; [] when astroid cannot tell or fails."""
    if node is None:
        return []
    return _certain_values(node.infer)


def _certain_values(results: Callable[[], Iterable[Any]]) -> list[Any]:
    """Up to a few inferred values; [] when any is Uninferable or astroid fails."""
    found: list[Any] = []
    try:
        for value in results():
            if value is util.Uninferable:
                return []
            found.append(value)
            if len(found) >= _MAX_VALUES:
                break
    except (astroid.AstroidError, RecursionError, StopIteration, TypeError, AttributeError,
            ValueError, KeyError, IndexError):
        return []
    return found


def infer_constant(node: nodes.NodeNG | None) -> object:
    """The one constant ``node`` evaluates to, or None when that is not certain."""
    if isinstance(node, nodes.Const):
        return node.value
    values = infer_values(node)
    if len(values) == 1 and isinstance(values[0], nodes.Const):
        return values[0].value
    return None


class LazyValues:
    """Inferred values computed the first time a walk asks for them, then kept."""

    def __init__(self, compute: Callable[[], list[Any]]) -> None:
        self._compute = compute
        self._values: list[Any] | None = None

    def get(self) -> list[Any]:
        if self._values is None:
            self._values = self._compute()
        return self._values


Values = list[Any] | LazyValues


def fixture_value(func: nodes.FunctionDef, is_library_call: Callable[[nodes.NodeNG], bool]) -> LazyValues:
    """What a fixture hands out, inferred only when asked, and never through a library call
    (``return SomeLibraryClient()``: building the library would answer nothing a test needs)."""
    def compute() -> list[Any]:
        handed = [n.value for n in func.nodes_of_class((nodes.Return, nodes.Yield))
                  if n.value is not None and n.scope() is func]
        if handed and all(isinstance(v, nodes.Call) and is_library_call(v.func) for v in handed):
            return []
        return infer_fixture_value(func)

    return LazyValues(compute)


def infer_fixture_value(func: nodes.FunctionDef) -> list[Any]:
    """What a fixture function returns, or yields first."""
    if func.is_generator():
        return _certain_values(func.infer_yield_result)
    return _certain_values(lambda: func.infer_call_result(None))


def type_name(value: Any) -> str | None:
    """``builtins.list`` for a list literal or instance, ``pkg.mod.Cls`` for an instance."""
    if isinstance(value, (nodes.List, nodes.ListComp)):
        return "builtins.list"
    if isinstance(value, (nodes.Dict, nodes.DictComp)):
        return "builtins.dict"
    if isinstance(value, (nodes.Set, nodes.SetComp)):
        return "builtins.set"
    if isinstance(value, nodes.Tuple):
        return "builtins.tuple"
    if isinstance(value, nodes.Const):
        return f"builtins.{type(value.value).__name__}"
    if isinstance(value, bases.Instance):
        try:
            return str(value._proxied.qname())
        except Exception:
            return None
    return None


def instance_class(value: Any) -> nodes.ClassDef | None:
    if isinstance(value, bases.Instance) and isinstance(value._proxied, nodes.ClassDef):
        cls: nodes.ClassDef = value._proxied
        return cls
    return None


def all_values_are(values: Sequence[Any], names: frozenset[str]) -> bool:
    return bool(values) and all(type_name(v) in names for v in values)


def all_mutable_collections(values: Sequence[Any]) -> bool:
    """Every value is a built-in mutable container or derives from a collections.abc mutable ABC.

    ``os.environ`` infers to an ``os._Environ`` instance (a ``MutableMapping``) besides a dict.
    """
    return bool(values) and all(
        type_name(v) in MUTABLE_BUILTINS or _derives_from(v, MUTABLE_ABCS) for v in values
    )


def _derives_from(value: Any, names: frozenset[str]) -> bool:
    cls = instance_class(value)
    if cls is None:
        return False
    try:
        return any(ancestor.qname() in names for ancestor in cls.ancestors())
    except Exception:
        return False


@contextlib.contextmanager
def parameters_inferring_to(bindings: Mapping[nodes.NodeNG, Values]) -> Iterator[None]:
    """Make each parameter (and so its uses and aliases) infer to the given values.

    Any node can be given: a call such as ``copy.copy(x)`` is made to infer to ``x``'s values.
    """
    saved = {param: param.__dict__.get("_explicit_inference", _UNSET) for param in bindings}
    try:
        for param, values in bindings.items():
            if values:
                param._explicit_inference = _constant_tip(values)
        # Building a module already inferred the owners of attribute assignments
        # (``value.attr = x``) and cached "Uninferable" for parameters: start afresh.
        forget_inferences()
        yield
    finally:
        for param, old in saved.items():
            if old is _UNSET:
                param.__dict__.pop("_explicit_inference", None)
            else:
                param._explicit_inference = old
        forget_inferences()


def _constant_tip(values: Values) -> Any:
    def tip(node: nodes.NodeNG, context: Any = None, **kwargs: Any) -> Iterator[Any]:
        found = values.get() if isinstance(values, LazyValues) else values
        return iter(found or [util.Uninferable])

    return tip


def _astroid_function(module: str, name: str) -> Callable[[], None] | None:
    """A function of astroid's by where it is defined; None on a release without it."""
    try:
        found = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None
    return found if callable(found) else None


# astroid's process-wide caches of inference answers: stale once a parameter is given a value.
_INFERENCE_CACHE_CLEARERS = [clear for clear in (
    _astroid_function("astroid.context", "_invalidate_cache"),
    _astroid_function("astroid.inference_tip", "clear_inference_tip_cache"),
) if clear is not None]
# astroid's other process-wide caches that key on nodes or hold them. Each grows without bound
# and keeps the whole tree of every file checked before alive (``ObjectModel.attributes`` keeps
# the model of every module it saw; astroid 4.4 added the guards preceding each statement).
# A release that adds one is caught by the weak-reference test run against the newest astroid.
_NODE_CACHE_CLEARERS = [clear for clear in (
    _astroid_function("astroid.constraint", "clear_preceding_guards_cache"),
    *(getattr(cached, "cache_clear", None) for cached in (
        LookupMixIn.lookup, ObjectModel.attributes, nodes.ClassDef._metaclass_lookup_attribute)),
) if clear is not None]


def forget_inferences() -> None:
    """Drop astroid's global inference caches (they would keep stale answers)."""
    for clear in _INFERENCE_CACHE_CLEARERS:
        clear()


def forget_file_caches() -> None:
    """Between files: also drop astroid's caches that hold nodes."""
    forget_inferences()
    for clear in _NODE_CACHE_CLEARERS:
        clear()
