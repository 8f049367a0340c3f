"""Copies of a whole container taken to put it back later, and the put-back itself.

A snapshot is a copy of module-level state bound to a name or an attribute (``saved =
dict(REGISTRY)``, ``cls.saved = REGISTRY.copy()``, ``SAVED.update(REGISTRY)`` into a
module-level dict): it holds what the container held when it was taken. ``X.clear()`` followed
by ``X.update(snapshot)`` (or ``.extend``) in a restoring place puts every key of ``X`` back,
whatever the tests in between wrote, added or removed. That is what lets a teardown of a whole
level (``teardown_module``, ``teardown_class``, a module fixture after its ``yield``) restore
writes it does not name: the snapshot must come from its matching set-up, or from the same
function before its ``yield``. An alias (``saved = REGISTRY``) is no snapshot: clearing the
container clears it too.
"""

from __future__ import annotations

from astroid import nodes

from .events import Mutation, Origin
from .names import dotted, qualified_name

PUT_BACK = "whole container put back"
_FILLERS = frozenset({"update", "extend"})
_COPIES_ALL_THE_WAY = frozenset({"copy.deepcopy", "copy.copy"})


class SnapshotTracking:
    """The snapshot part of a module-state walk (mixed into ``ModuleStateFinder``)."""

    _top: nodes.FunctionDef | None
    mutations: list[Mutation]

    def origin_of(self, node: nodes.NodeNG) -> Origin | None:
        raise NotImplementedError

    def _in_restoring_place(self) -> bool:
        raise NotImplementedError

    def _init_snapshots(self) -> None:
        self.snapshots: dict[str, str] = {}  # snapshot name -> the container it copies
        self._cleared: set[str] = set()  # containers cleared in a restoring place so far

    def _note_snapshot_binding(self, target: nodes.NodeNG, value: nodes.NodeNG) -> None:
        name = self._snapshot_name(target)
        if name is None:
            return
        copied = self._whole_copy_source(value)
        if copied is None:
            self.snapshots.pop(name, None)
        else:
            self.snapshots[name] = copied

    def _note_snapshot_call(self, call: nodes.Call) -> bool:
        """``SAVED.update(REGISTRY)``: a snapshot; in a restoring place, ``X.clear()`` then
        ``X.update(snapshot)``: the put-back (recorded; True when the call is one)."""
        func = call.func
        if not isinstance(func, nodes.Attribute):
            return False
        receiver = self.origin_of(func.expr)
        if self._in_restoring_place() and receiver is not None:
            if func.attrname == "clear" and not call.args:
                self._cleared.add(receiver.path)
                return False
            if func.attrname in _FILLERS and len(call.args) == 1 and receiver.path in self._cleared:
                name = self._snapshot_name(call.args[0])
                if name is not None and self.snapshots.get(name) == receiver.path:
                    self.mutations.append(Mutation("FXS020", call, PUT_BACK, receiver, receiver.path, True))
                    return True
            return False
        if func.attrname in _FILLERS and len(call.args) == 1:
            name = self._snapshot_name(func.expr)
            filled = self.origin_of(call.args[0])
            if name is not None and filled is not None and not filled.fresh:
                self.snapshots[name] = filled.path
        return False

    def _whole_copy_source(self, value: nodes.NodeNG) -> str | None:
        """The container ``value`` copies whole: ``dict(X)``, ``X.copy()``, ``X[:]``, ``{**X}``,
        ``copy.deepcopy(X)``; None for anything else (an alias included)."""
        if isinstance(value, nodes.Call) and qualified_name(value.func) in _COPIES_ALL_THE_WAY and value.args:
            inner = self.origin_of(value.args[0])
            return inner.path if inner is not None and not inner.fresh else None
        origin = self.origin_of(value)
        if origin is None or not origin.fresh:
            return None
        return origin.path.removesuffix("[:]")

    def _snapshot_name(self, expr: nodes.NodeNG) -> str | None:
        """``saved``, ``SAVED``, ``cls.saved`` as ``TestX.saved`` (the same in every method)."""
        if isinstance(expr, (nodes.Name, nodes.AssignName)):
            return str(expr.name)
        if isinstance(expr, (nodes.Attribute, nodes.AssignAttr)):
            base = dotted(expr.expr)
            if base is None:
                return None
            top = self._top
            cls = top.parent if top is not None else None
            first = top.args.args[0].name if top is not None and top.args.args else None
            if isinstance(cls, nodes.ClassDef) and first is not None and base == first:
                base = cls.name
            return f"{base}.{expr.attrname}"
        return None
