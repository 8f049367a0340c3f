"""The one definition of "restored" for module-level state, and of a reset.

A change counts as restored when a write, deletion, clear or patch of the same target, of a
part of it, or of what contains it, happens in a restoring place: a ``finally:`` block, after
a fixture's ``yield``, in a finalizer, in the matching xunit teardown, or in a function-scoped
fixture around the test. A reset (``clear()``, a fresh empty value) puts state back as it was.
"""

from __future__ import annotations

from dataclasses import replace

from astroid import nodes

from . import inference
from .events import ModuleObject, Mutation
from .names import qualified_name


RESETS = frozenset({".clear()", ".cache_clear()"})
# Proxies to per-request / per-app-context objects: writing to them changes no module state.


_CONTEXT_LOCALS = frozenset(
    f"{package}.{name}" for package in ("flask", "flask.globals", "quart", "quart.globals")
    for name in ("g", "session", "request", "current_app", "websocket")
)


_FRESH_CONTAINERS = frozenset({"builtins.dict", "builtins.list", "builtins.set", "copy.copy",
                               "copy.deepcopy"})
_EMPTY_CONSTRUCTORS = frozenset({"collections.OrderedDict", "collections.deque", "collections.Counter",
                                 "collections.defaultdict", "builtins.frozenset", "builtins.tuple",
                                 "builtins.bytearray"})
FXS022_REMEDY = "change it in a function-scoped fixture with monkeypatch, or make the fixture autouse"


def is_reset(mutation: Mutation) -> bool:
    """``.clear()``, or replacing an attribute or global with a fresh empty value or a copy."""
    if mutation.action in RESETS:
        return True
    node = mutation.node
    if isinstance(node, (nodes.AssignAttr, nodes.AssignName)) and isinstance(node.parent, nodes.Assign):
        return is_fresh_value(node.parent.value)
    if isinstance(node, nodes.Subscript) and isinstance(node.slice, nodes.Slice) and isinstance(
            node.parent, nodes.Assign) and node.slice.lower is None and node.slice.upper is None:
        return is_fresh_value(node.parent.value) or _refills_initial_constants(node, node.parent.value)
    if isinstance(node, nodes.DelAttr):
        return _is_thread_local(node.expr)  # ``del _CONTEXT.context``: recreated on first use
    return False


_THREAD_LOCALS = frozenset({"threading.local", "_thread._local"})


def _is_thread_local(expr: nodes.NodeNG) -> bool:
    """``threading.local()`` bound at module level (read from the assignment, else inferred)."""
    value = module_level_value(expr)
    if isinstance(value, nodes.Call) and qualified_name(value.func) in _THREAD_LOCALS:
        return True
    values = inference.infer_values(expr)
    local_types = ("_thread._local", "_threading_local.local")
    return bool(values) and all(getattr(v, "pytype", lambda: "")() in local_types for v in values)


def is_fresh_value(value: nodes.NodeNG) -> bool:
    """``{}``, ``[]``, ``set()``, ``dict()``, ``INITIAL.copy()``, ``copy.deepcopy(INITIAL)``."""
    if isinstance(value, (nodes.Dict, nodes.List, nodes.Set)):
        return not (value.items if isinstance(value, nodes.Dict) else value.elts)
    if not isinstance(value, nodes.Call):
        return False
    if isinstance(value.func, nodes.Attribute) and value.func.attrname == "copy" and not value.args:
        return True
    name = qualified_name(value.func)
    if name in _FRESH_CONTAINERS and (not value.args or name.startswith("copy.")):
        return True
    if value.args or value.keywords:
        return False
    return name in _EMPTY_CONSTRUCTORS  # an empty container's constructor: ``OrderedDict()``


def _refills_initial_constants(target: nodes.Subscript, value: nodes.NodeNG) -> bool:
    """``Parser.stats[:] = [0] * len(Parser.stats)`` where the class body says ``stats = [0, 0]``:
    the list is put back to the constants it was defined with."""
    defined = _defined_list(target.value)
    if defined is None or not defined.elts or not all(isinstance(e, nodes.Const) for e in defined.elts):
        return False
    initial = [e.value for e in defined.elts]
    if isinstance(value, nodes.List):
        return all(isinstance(e, nodes.Const) for e in value.elts) and [e.value for e in value.elts] \
            == initial
    if isinstance(value, nodes.BinOp) and value.op == "*" and isinstance(value.left, nodes.List) \
            and len(value.left.elts) == 1 and isinstance(value.left.elts[0], nodes.Const):
        return all(item == value.left.elts[0].value for item in initial)
    return False


def _defined_list(container: nodes.NodeNG) -> nodes.List | None:
    """The list display a module- or class-level name is assigned once, where it is defined."""
    if isinstance(container, nodes.Attribute):
        owners = [v for v in inference.infer_values(container.expr)
                  if isinstance(v, (nodes.Module, nodes.ClassDef))]
        name = container.attrname
    elif isinstance(container, nodes.Name):
        owners, name = [container.root()], container.name
    else:
        return None
    for owner in owners:
        bindings = owner.locals.get(name, [])
        if len(bindings) == 1 and isinstance(bindings[0].parent, nodes.Assign) \
                and isinstance(bindings[0].parent.value, nodes.List):
            return bindings[0].parent.value
    return None


def is_context_local(mutation: Mutation) -> bool:
    """A write through ``flask.g`` or ``flask.session``: it lands in the current context."""
    source = mutation.origin.source
    if not isinstance(source, ModuleObject) or not source.qualified:
        return False
    full = source.qualified + mutation.key[len(source.name):]
    return any(full == local or full.startswith((local + ".", local + "["))
               for local in _CONTEXT_LOCALS)


# The code an undo carries: a write in the same function that puts back what an earlier write
# changed (a saved value, the module's initial constant, the inverse operation), outside any
# restoring place. It is never reported; what it undoes is FXS023, not FXS020.
UNDO = "undo"
_REMOVALS = ("item deletion", "slice deletion", "attribute deletion", ".pop()", ".remove()",
             ".discard()", ".popitem()", "delattr()", "deleting through 'global'")


def is_removal(action: str) -> bool:
    """``del x[k]``, ``x.pop(k)``, ``delattr(x, a)``: what undoes an earlier addition."""
    return action in _REMOVALS


def as_undo(mutation: Mutation) -> Mutation:
    return replace(mutation, code=UNDO)


def classify(mutations: list[Mutation]) -> tuple[list[Mutation], list[tuple[Mutation, Mutation]]]:
    """What a function leaves changed (FXS020) and what it undoes later, outside a restoring
    place (FXS023, paired with the undo): each target once, at its first write, never at the undo.
    """
    restoring = [m for m in mutations if m.restoring]
    undos = [m for m in mutations if m.code == UNDO and not m.restoring]
    left: list[Mutation] = []
    late: list[tuple[Mutation, Mutation]] = []
    seen: set[str] = set()
    for mutation in sorted((m for m in mutations if not m.restoring and m.code != UNDO), key=_place):
        names = _names_of(mutation)
        if mutation.key in seen or any(_same_argument(r, mutation) and any(
                _restores(key, own) for key in _names_of(r) for own in names) for r in restoring):
            continue
        seen.add(mutation.key)
        later = [u for u in undos if _place(u) > _place(mutation)
                 and any(_overlaps(key, own) for key in _names_of(u) for own in names)]
        undo = later[-1] if later else None  # the last one: the restore block, not a branch before it
        if undo is None:
            left.append(mutation)
        else:
            late.append((mutation, undo))
    return left, late


def _place(mutation: Mutation) -> tuple[int, int]:
    return (mutation.node.lineno or 0, mutation.node.col_offset or 0)


def unrestored(mutations: list[Mutation]) -> list[Mutation]:
    """Set-up changes that no restoring write covers, in either direction.

    ``del os.environ["X"]`` in a teardown restores ``os.environ.update(X="1")``, and
    ``os.environ.clear()`` restores ``os.environ["X"] = "1"``.
    """
    restoring = [m for m in mutations if m.restoring]
    return [m for m in mutations
            if not m.restoring and m.code != UNDO
            and not any(_same_argument(r, m) and any(_overlaps(key, own) for key in _names_of(r)
                                                     for own in _names_of(m)) for r in restoring)]


def _same_argument(restore: Mutation, change: Mutation) -> bool:
    """``remove_listener(cb)`` restores ``add_listener(cb)``, not ``add_listener(other)``: when both
    calls name the element or key they are about, it must be the same one."""
    return not restore.argument or not change.argument or restore.argument == change.argument


def _names_of(mutation: Mutation) -> tuple[str, ...]:
    """The target as written, and as its import names it (``config.DEBUG``: ``pkg.config.DEBUG``)."""
    source = mutation.origin.source
    if isinstance(source, ModuleObject) and source.qualified and mutation.key.startswith(source.name):
        return mutation.key, source.qualified + mutation.key[len(source.name):]
    return (mutation.key,)


def _restores(restored: str, key: str) -> bool:
    """``sys.modules[name] = mod`` in a finally may put back ``sys.modules.pop(m)``: two entries
    of the same container under names the linter cannot tell apart count as the same."""
    if _overlaps(restored, key):
        return True
    container, _, index = restored.rpartition("[")
    other_container, _, other_index = key.rpartition("[")
    return (bool(container) and container == other_container and index.endswith("]")
            and _is_name(index[:-1]) and _is_name(other_index[:-1]))


def _is_name(index: str) -> bool:
    return index.isidentifier()


def _overlaps(one: str, other: str) -> bool:
    return one == other or _is_part(one, other) or _is_part(other, one)


def _is_part(part: str, whole: str) -> bool:
    return part.startswith((whole + "[", whole + "."))


def module_level_value(expr: nodes.NodeNG) -> nodes.NodeNG | None:
    """What ``name`` or ``module.name`` is assigned at module level, following one import."""
    module: nodes.Module | None = None
    if isinstance(expr, nodes.Name):
        try:
            scope, bindings = expr.lookup(expr.name)
        except Exception:
            return None
        binding = bindings[0] if bindings else None
        if isinstance(binding, nodes.AssignName) and isinstance(scope, nodes.Module):
            return binding.parent.value if isinstance(binding.parent, nodes.Assign) else None
        if not isinstance(binding, nodes.ImportFrom):
            return None
        name = next((n for n, alias in binding.names if (alias or n) == expr.name), None)
        module, attr = _imported(expr, binding.modname, binding.level), name
    elif isinstance(expr, nodes.Attribute):
        target = qualified_name(expr.expr)
        module, attr = (_imported(expr, target, None) if target else None), expr.attrname
    else:
        return None
    found = module.locals.get(attr or "", []) if module is not None else []
    first = found[0] if found else None
    if isinstance(first, nodes.AssignName) and isinstance(first.parent, nodes.Assign):
        return first.parent.value
    return None


def _imported(expr: nodes.NodeNG, modname: str, level: int | None) -> nodes.Module | None:
    try:
        return expr.root().import_module(modname, relative_only=False, level=level)
    except Exception:
        return None
