"""What changes a shared object: a walk over one function that follows aliases of tracked values.

Tracking is syntactic (assignments, loops, ``with``, walrus, copies); astroid inference is asked
only about expressions that the walk already traced to a tracked value.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from astroid import nodes

from . import inference
from .calls import MAX_CALL_DEPTH, CallFollowing, may_call_project_code
from .copies import (
    Walked, display_copy, given_keywords, is_deep_copy_function, is_shallow_copy_function, read_copy_method,
    rebased,
)
from .events import Context, Mutation, Origin
from .mocked_calls import Mocked, goes_to_a_mock, mocks_in
from .modules import names_a_module
from .names import dotted, qualified_name, subscript_text
from .namespaces import OWN_GLOBALS, is_own_globals
from .restores import unrestored
from .value_kinds import changes_in_place, refuses_assignment, refuses_item_assignment


_PART_ACCESSORS = frozenset({"values", "items", "keys", "__getitem__"})


_CONTAINER_PART_ACCESSORS = frozenset({"get", "setdefault", "pop", "popitem"})


class MutationFinder(CallFollowing):
    """One walk over one function, in source order, tracking aliases of the root values."""

    def __init__(self, context: Context, depth: int = 0) -> None:
        self.context = context
        self.depth = depth
        self.aliases: dict[str, Origin] = {}
        self.mutations: list[Mutation] = []
        self.handouts: list[Origin] = []
        self.restoring = 0
        self.cut_short = False  # a cycle stopped a call from being followed
        self._top: nodes.FunctionDef | None = None
        self._after_yield = False
        self._finalizers: set[nodes.NodeNG] = set()
        self._finalizer_names: set[str] = set()
        self._mocks: list[Mocked] | None = None  # patches in ``_top``, read at its first call

    # ------------------------------------------------------------------ entry points
    def find(self, func: nodes.FunctionDef, roots: dict[str, Origin]) -> list[Mutation]:
        """Mutations of the roots (or their parts) that nothing later in the function undoes."""
        self._top = func
        self.aliases = dict(roots)
        self._collect_finalizers(func)
        copies = _shallow_copy_calls(func)
        if copies:
            with inference.parameters_inferring_to(copies):
                self._visit_body(func.body)
        else:
            self._visit_body(func.body)
        return unrestored(self.mutations)

    # ------------------------------------------------------------------ walking
    def _visit_body(self, statements: Iterable[nodes.NodeNG]) -> None:
        for statement in statements:
            self._visit(statement)

    def _visit(self, node: nodes.NodeNG) -> None:  # noqa: C901 - one dispatch table
        if isinstance(node, (nodes.FunctionDef, nodes.Lambda)):
            self._visit_nested_function(node)
        elif isinstance(node, nodes.ClassDef):
            return
        elif isinstance(node, nodes.Assign):
            self._visit(node.value)
            for target in node.targets:
                self._mutations_of_target(target, "item assignment", "attribute assignment")
                self._give_member(target, node.value)
                self._bind(target, node.value)
        elif isinstance(node, nodes.AnnAssign):
            if node.value is not None:
                self._visit(node.value)
                self._mutations_of_target(node.target, "item assignment", "attribute assignment")
                self._bind(node.target, node.value)
        elif isinstance(node, nodes.AugAssign):
            self._visit(node.value)
            self._augmented(node)
        elif isinstance(node, nodes.Delete):
            for target in node.targets:
                self._mutations_of_target(target, "item deletion", "attribute deletion")
                if isinstance(target, nodes.DelName):
                    self.aliases.pop(target.name, None)
        elif isinstance(node, (nodes.For, nodes.AsyncFor)):
            self._visit(node.iter)
            self._bind_origin(node.target, self._element_of(node.iter))
            self._visit_body(node.body)
            self._visit_body(node.orelse)
        elif isinstance(node, (nodes.With, nodes.AsyncWith)):
            for expr, var in node.items:
                self._visit(expr)
                if var is not None:
                    self._bind(var, expr)
            self._visit_body(node.body)
        elif isinstance(node, nodes.NamedExpr):
            self._visit(node.value)
            self._bind(node.target, node.value)
        elif isinstance(node, nodes.Comprehension):
            self._visit(node.iter)
            self._bind_origin(node.target, self._element_of(node.iter))
            for condition in node.ifs:
                self._visit(condition)
        elif isinstance(node, nodes.Try):
            self._visit_body(node.body)
            for handler in node.handlers:
                self._visit(handler)
            self._visit_body(node.orelse)
            self.restoring += 1
            self._visit_body(node.finalbody)
            self.restoring -= 1
        elif isinstance(node, nodes.Call):
            for child in node.get_children():
                self._visit(child)
            self._call(node)
        elif isinstance(node, (nodes.Return, nodes.Yield)):
            if node.value is not None:
                self._visit(node.value)
                if node.scope() is self._top:
                    origin = self.origin_of(node.value)
                    if origin is not None:
                        self.handouts.append(origin)
            if isinstance(node, nodes.Yield) and node.scope() is self._top:
                self._after_yield = True
        elif isinstance(node, nodes.AssignName):
            # Bound by ``except ... as name``, a ``match`` capture, and the like: no alias any more.
            self.aliases.pop(node.name, None)
        elif isinstance(node, (nodes.ListComp, nodes.SetComp, nodes.DictComp, nodes.GeneratorExp)):
            for generator in node.generators:
                self._visit(generator)
            for child in node.get_children():
                if not isinstance(child, nodes.Comprehension):
                    self._visit(child)
        else:
            for child in node.get_children():
                self._visit(child)

    def _visit_nested_function(self, func: nodes.FunctionDef | nodes.Lambda) -> None:
        saved = dict(self.aliases)
        for name in func.argnames():
            self.aliases.pop(name, None)
        is_finalizer = func in self._finalizers or getattr(func, "name", None) in self._finalizer_names
        self.restoring += is_finalizer
        if isinstance(func, nodes.Lambda):
            self._visit(func.body)
        else:
            self._visit_body(func.body)
        self.restoring -= is_finalizer
        self.aliases = saved

    def _collect_finalizers(self, func: nodes.FunctionDef) -> None:
        for call in func.nodes_of_class(nodes.Call):
            if isinstance(call.func, nodes.Attribute) and call.func.attrname == "addfinalizer":
                for arg in call.args:
                    if isinstance(arg, nodes.Name):
                        self._finalizer_names.add(arg.name)
                    else:
                        self._finalizers.add(arg)

    # ------------------------------------------------------------------ aliases
    def _bind(self, target: nodes.NodeNG, value: nodes.NodeNG) -> None:
        # Every right-hand side is read before any name is bound: ``a, b = b, a`` swaps.
        for sub_target, origin in self._pairs(target, value):
            self._bind_origin(sub_target, origin)

    def _pairs(self, target: nodes.NodeNG, value: nodes.NodeNG) -> list[tuple[nodes.NodeNG, Origin | None]]:
        if isinstance(target, (nodes.Tuple, nodes.List)) and isinstance(value, (nodes.Tuple, nodes.List)):
            if len(target.elts) == len(value.elts) and not any(
                isinstance(e, nodes.Starred) for e in [*target.elts, *value.elts]
            ):
                pairs: list[tuple[nodes.NodeNG, Origin | None]] = []
                for sub_target, sub_value in zip(target.elts, value.elts):
                    pairs.extend(self._pairs(sub_target, sub_value))
                return pairs
        origin = self.origin_of(value)
        if isinstance(target, (nodes.Tuple, nodes.List)):
            origin = origin.part("[...]") if origin is not None else None
        return [(target, origin)]

    def _bind_origin(self, target: nodes.NodeNG, origin: Origin | None) -> None:
        if isinstance(target, (nodes.Tuple, nodes.List)):
            for element in target.elts:
                self._bind_origin(element, origin)
            return
        if isinstance(target, nodes.Starred):
            self._bind_origin(target.value, origin)
            return
        key = target.name if isinstance(target, nodes.AssignName) else _assign_attr_key(target)
        if key is None:
            return
        if origin is None:
            self.aliases.pop(key, None)
        else:
            self.aliases[key] = origin

    def origin_of(self, node: nodes.NodeNG) -> Origin | None:  # noqa: C901 - one case per syntax
        """The tracked value (or part of it) ``node`` evaluates to without a deep copy."""
        if isinstance(node, nodes.Name):
            return self.aliases.get(node.name)
        if isinstance(node, nodes.Attribute):
            key = dotted(node)
            if key is not None and key in self.aliases:
                return self.aliases[key]
            base = self.origin_of(node.expr)
            if base is None or (node.attrname == "__dict__" and refuses_assignment(node.expr)):
                return None
            return base.member(f".{node.attrname}")
        if isinstance(node, nodes.Subscript):
            base = self.origin_of(node.value)
            if base is None:
                return None
            if isinstance(node.slice, nodes.Slice):  # ``x[:]``: a shallow copy
                return base.part(f"[{subscript_text(node.slice)}]").copied()
            return base.member(f"[{subscript_text(node.slice)}]")
        if isinstance(node, nodes.Call):
            return self._origin_of_call(node)
        if isinstance(node, nodes.IfExp):
            return self.origin_of(node.body) or self.origin_of(node.orelse)
        if isinstance(node, nodes.BoolOp):
            return next(filter(None, (self.origin_of(v) for v in node.values)), None)
        if isinstance(node, nodes.NamedExpr):
            return self.origin_of(node.value)
        if isinstance(node, (nodes.Await, nodes.Starred)):
            return self.origin_of(node.value)
        if isinstance(node, (nodes.Dict, nodes.List, nodes.Tuple, nodes.Set)):
            return display_copy(node, self.origin_of)  # ``{**x, "k": []}``, ``[*x]``
        return None

    def _origin_of_call(self, call: nodes.Call) -> Origin | None:
        extra = self.context.extra_origin(call)
        if extra is not None:
            return extra
        if is_own_globals(call):
            return self.aliases.get(OWN_GLOBALS)
        func = call.func
        if isinstance(func, nodes.Attribute) and not names_a_module(func.expr):
            receiver = self.origin_of(func.expr)
            if receiver is not None:
                return self._origin_of_method_result(receiver, func)
        name = qualified_name(func)
        first = self.origin_of(call.args[0]) if call.args else None
        if first is None or name is None or is_deep_copy_function(name):
            return None
        if name == "copy.copy":
            return self._copy_of(first, call.args[0], "__copy__")
        if is_shallow_copy_function(name):
            return given_keywords(call, first.copied(), self.origin_of)  # ``dict(x, users=[])``
        if name == "builtins.vars":
            return None if refuses_assignment(call.args[0]) else first.part(".__dict__")
        if name == "builtins.getattr" and len(call.args) >= 2:
            attr = inference.infer_constant(call.args[1])
            return first.part(f".{attr}") if isinstance(attr, str) else None
        return None

    def _origin_of_method_result(self, receiver: Origin, func: nodes.Attribute) -> Origin | None:
        method = func.attrname
        if method == "copy":
            return self._copy_of(receiver, func.expr, "copy")
        if method in _PART_ACCESSORS:
            return receiver.part(f".{method}()")
        if method in _CONTAINER_PART_ACCESSORS and inference.all_values_are(
            inference.infer_values(func.expr), inference.MUTABLE_BUILTINS
        ):
            call = func.parent
            arguments = call.args[:1] if isinstance(call, nodes.Call) else []
            return receiver.part(f".{method}({', '.join(subscript_text(a) for a in arguments)})")
        return None

    # ------------------------------------------------------------------ copies (analysis/copies.py)
    def _copy_of(self, receiver: Origin, copied: nodes.NodeNG, method_name: str) -> Origin | None:
        """What ``copied.copy()`` (or ``copy.copy(copied)``) holds: what a readable method of a
        project class returns, else a shallow copy."""
        method = self._readable_copy_method(copied, method_name)
        reading = read_copy_method(method, self._walk_copy_method) if method is not None else None
        if method is None or reading is None:
            return receiver.copied()
        return rebased(reading, method.args.args[0].name, receiver)

    def _readable_copy_method(self, copied: nodes.NodeNG, method_name: str) -> nodes.FunctionDef | None:
        if not may_call_project_code(copied, self.context.is_project_module):
            return None
        for value in inference.infer_values(copied):
            cls = inference.instance_class(value)
            try:
                found = cls.getattr(method_name) if cls is not None else []
            except Exception:  # astroid's NotFoundError and its kin
                continue
            method = found[0] if found else None
            if (isinstance(method, nodes.FunctionDef) and method.args.args
                    and self.context.is_project_file(method.root().file or "")):
                return method
        return None

    def _walk_copy_method(self, method: nodes.FunctionDef, self_name: str) -> Walked | None:
        if self.depth >= MAX_CALL_DEPTH or method in self.context.active:
            return None
        finder = MutationFinder(self.context, self.depth + 1)
        self.context.active.add(method)
        try:
            finder.find(method, {self_name: Origin(self_name, None)})
        finally:
            self.context.active.discard(method)
        return finder.origin_of, finder.aliases

    def _give_member(self, target: nodes.NodeNG, value: nodes.NodeNG) -> None:
        """``c["users"] = []`` on a copy: that member holds its own value from here on."""
        if isinstance(target, nodes.Subscript) and not isinstance(target.slice, nodes.Slice):
            owner, suffix = target.value, f"[{subscript_text(target.slice)}]"
        elif isinstance(target, nodes.AssignAttr):
            owner, suffix = target.expr, f".{target.attrname}"
        else:
            return
        if isinstance(owner, nodes.Name) and owner.name in self.aliases:
            self.aliases[owner.name] = self.aliases[owner.name].giving(suffix, self.origin_of(value))

    def _element_of(self, iterable: nodes.NodeNG) -> Origin | None:
        if (
            isinstance(iterable, nodes.Call)
            and isinstance(iterable.func, nodes.Attribute)
            and iterable.func.attrname in ("values", "items")
        ):
            receiver = self.origin_of(iterable.func.expr)
            return receiver.part("[...]") if receiver else None
        if isinstance(iterable, nodes.Call) and qualified_name(iterable.func) in (
            "builtins.enumerate", "builtins.reversed", "builtins.sorted", "builtins.list"
        ) and iterable.args:
            inner = self.origin_of(iterable.args[0])
            return inner.part("[...]") if inner else None
        origin = self.origin_of(iterable)
        return origin.part("[...]") if origin else None

    # ------------------------------------------------------------------ mutations
    def _record(self, code: str, node: nodes.NodeNG, action: str, origin: Origin, key: str) -> None:
        restoring = bool(self.restoring) or self._after_yield
        self.mutations.append(Mutation(code, node, action, origin, key, restoring))

    def _mutations_of_target(self, target: nodes.NodeNG, item_action: str, attr_action: str) -> None:
        if isinstance(target, (nodes.Tuple, nodes.List)):
            for element in target.elts:
                self._mutations_of_target(element, item_action, attr_action)
        elif isinstance(target, nodes.Starred):
            self._mutations_of_target(target.value, item_action, attr_action)
        elif isinstance(target, nodes.Subscript):
            self._item_mutation(target, item_action)
        elif isinstance(target, (nodes.AssignAttr, nodes.DelAttr)):
            self._attribute_mutation(target, target.expr, target.attrname, attr_action)

    def _item_mutation(self, target: nodes.Subscript, action: str) -> None:
        origin = self.origin_of(target.value)
        if origin is None or origin.fresh or refuses_item_assignment(target.value):
            return
        if isinstance(target.slice, nodes.Slice) and action == "item assignment":
            action = "slice assignment"
        self._record("FXS001", target, action, origin, f"{origin.path}[{subscript_text(target.slice)}]")

    def _attribute_mutation(self, node: nodes.NodeNG, owner: nodes.NodeNG, attr: str, action: str) -> None:
        origin = self.origin_of(owner)
        if origin is None or origin.fresh or refuses_assignment(owner):
            return
        self._record("FXS003", node, action, origin, f"{origin.path}.{attr}")

    def _augmented(self, node: nodes.AugAssign) -> None:
        target = node.target
        if isinstance(target, nodes.Subscript):
            self._item_mutation(target, "augmented item assignment")
        elif isinstance(target, nodes.AssignAttr):
            self._attribute_mutation(target, target.expr, target.attrname, "augmented attribute assignment")
        elif isinstance(target, nodes.AssignName):
            origin = self.aliases.get(target.name)
            if origin is not None and not origin.fresh and changes_in_place(node):
                self._record("FXS002", node, f"'{node.op}'", origin, origin.path)

    def _calls_a_mock(self, call: nodes.Call) -> bool:
        """``os.chdir(p)`` where a patch of this function has replaced ``os.chdir``."""
        if self._top is None:
            return False
        if self._mocks is None:
            self._mocks = mocks_in(self._top)
        return goes_to_a_mock(call, self._mocks)

    def _new_walk(self) -> MutationFinder:
        return MutationFinder(self.context, self.depth + 1)


def _shallow_copy_calls(func: nodes.FunctionDef) -> dict[nodes.NodeNG, list[Any]]:
    """``copy.copy(x)`` calls, which astroid cannot infer, mapped to what ``x`` infers to."""
    found: dict[nodes.NodeNG, list[Any]] = {}
    for call in func.nodes_of_class(nodes.Call):
        callee = call.func
        named = callee.attrname if isinstance(callee, nodes.Attribute) else getattr(callee, "name", "")
        if named == "copy" and call.args and qualified_name(callee) == "copy.copy":
            values = inference.infer_values(call.args[0])
            if values:
                found[call] = values
    return found


def _assign_attr_key(target: nodes.NodeNG) -> str | None:
    if isinstance(target, nodes.AssignAttr):
        base = dotted(target.expr)
        return f"{base}.{target.attrname}" if base else None
    return None
