"""What a project function hands out when it returns a part of module- or class-level state.

``RegisterPool.get(name)`` returning ``RegisterPool._registers[name]`` gives the caller the
registry's own entry: a change to it (``reg.set_value(1)``, ``reg.value = 2``) changes the
registry every later test reads. A function counts when every one of its ``return`` statements
hands out such a part as it is (not a new object, not a copy); the value is then named as the
state (``app.pool.RegisterPool._registers[name]``). Where astroid cannot tell what the entry is
(a registry filled at run time), the classes of the values the module stores into that
container stand in for it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass

from astroid import nodes

from . import inference
from .events import ModuleObject, Origin

# A function's handouts (the origins its returns hand out) and how many returns give a value.
Summarizer = Callable[[nodes.FunctionDef], "tuple[list[Origin], int]"]


@dataclass(frozen=True)
class StatePart(ModuleObject):
    """A part of shared state handed out by a project function, with the classes of what the
    function's module stores in the container it comes from."""

    entry_classes: tuple[nodes.ClassDef, ...] = ()


_RETURNED: weakref.WeakKeyDictionary[nodes.FunctionDef, Origin | None] = weakref.WeakKeyDictionary()


def returned_part(func: nodes.FunctionDef, handouts_of: Summarizer) -> Origin | None:
    """The state part every ``return`` of ``func`` hands out, named from its module; else None."""
    if func in _RETURNED:
        return _RETURNED[func]
    _RETURNED[func] = None  # a function returning its own call's value stops here
    handouts, returns = handouts_of(func)
    found = None
    if returns and len(handouts) == returns and all(_is_shared(o) for o in handouts):
        found = _named(handouts[0], func)
    _RETURNED[func] = found
    return found


def own_return_count(func: nodes.FunctionDef) -> int:
    return sum(1 for r in func.nodes_of_class(nodes.Return) if r.scope() is func and r.value is not None)


def _is_shared(origin: Origin) -> bool:
    """Module-level state as it is: a module-level object, or a part of a class, module or import."""
    source = origin.source
    if origin.fresh or not isinstance(source, ModuleObject):
        return False
    if source.kind == "object":
        return True
    return source.kind in ("class", "import", "module", "called", "global") and origin.path != source.name


def _named(origin: Origin, func: nodes.FunctionDef) -> Origin:
    source = origin.source
    assert isinstance(source, ModuleObject)
    module = func.root().name
    if source.qualified:
        key = source.qualified + origin.path[len(source.name):]
    else:
        key = f"{module}.{origin.path}"
    classes = _stored_classes(func.root(), origin.path)
    return Origin(key, StatePart(key, "called", key, classes))


def _stored_classes(module: nodes.Module, path: str) -> tuple[nodes.ClassDef, ...]:
    """The project classes of the values ``module`` stores into the container ``path`` ends in
    (``cls._registers[name] = register``): what an entry of it is, when inference cannot say."""
    container = _container_name(path)
    if not container:
        return ()
    found: list[nodes.ClassDef] = []
    for assign in module.nodes_of_class(nodes.Assign):
        targets = assign.targets
        if not any(isinstance(t, nodes.Subscript) and _last_name(t.value) == container for t in targets):
            continue
        for value in inference.infer_values(assign.value):
            cls = inference.instance_class(value)
            if cls is not None and cls not in found and cls.root() is module:
                found.append(cls)
    return tuple(found)


def _container_name(path: str) -> str:
    """``_registers`` in ``RegisterPool._registers[name]`` or ``cls._registers.get(name)``."""
    head = path
    for marker in ("[", ".get(", ".setdefault("):
        if marker in head:
            head = head[:head.rindex(marker)]
    return head.rpartition(".")[2] if head != path else ""


def _last_name(expr: nodes.NodeNG) -> str:
    if isinstance(expr, nodes.Attribute):
        return str(expr.attrname)
    return str(expr.name) if isinstance(expr, nodes.Name) else ""


def entry_instances(origin: Origin | None) -> list[object]:
    """Instances of the classes a handed-out registry entry may be (see ``StatePart``)."""
    source = origin.source if origin is not None else None
    if not isinstance(source, StatePart):
        return []
    return [cls.instantiate_class() for cls in source.entry_classes]
