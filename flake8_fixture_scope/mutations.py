"""What changes a shared object: a walk over one function that follows aliases of tracked values.

Tracking is syntactic (assignments, loops, ``with``, walrus, copies); astroid inference is asked
only about expressions that the walk already traced to a tracked value.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from astroid import bases, nodes

from . import inference
from .names import assigned_value, dotted, expression_root, is_parameter, name_binding, qualified_name
from .project import relative
from .vocabulary import ARGUMENT_MUTATORS, CONTAINER_MUTATORS, READING_METHODS
from .value_kinds import changes_in_place, refuses_assignment, refuses_item_assignment

MAX_CALL_DEPTH = 3

_SHALLOW_COPIES = frozenset(
    {"copy.copy", "builtins.dict", "builtins.list", "builtins.set", "builtins.frozenset",
     "builtins.tuple", "builtins.sorted", "builtins.bytearray"}
)
_DEEP_COPIES = frozenset({"copy.deepcopy"})
_PART_ACCESSORS = frozenset({"values", "items", "keys", "__getitem__"})
_CONTAINER_PART_ACCESSORS = frozenset({"get", "setdefault", "pop", "popitem"})


@dataclass(frozen=True)
class Origin:
    """Where a tracked value comes from, as an expression text rooted at its source."""

    path: str
    source: object = field(compare=False)
    fresh: bool = False  # a shallow copy: the outer object is new, what it holds is shared

    def part(self, suffix: str) -> Origin:
        return Origin(self.path + suffix, self.source)

    def copied(self) -> Origin:
        return replace(self, fresh=True)


@dataclass(frozen=True)
class Mutation:
    code: str
    node: nodes.NodeNG
    action: str
    origin: Origin
    key: str
    restoring: bool = False
    # For a call into a helper: the innermost mutation, its function and its place.
    site_action: str = ""
    site_function: str = ""
    site_where: str = ""


@dataclass
class Context:
    """What a walk needs from outside: settings and callbacks for fixture lookups."""

    mutating_methods: frozenset[str] = frozenset()
    extra_origin: Callable[[nodes.Call], Origin | None] = lambda call: None
    is_project_file: Callable[[str], bool] = lambda path: False
    is_project_module: Callable[[str], bool] = lambda name: True
    active: set[nodes.FunctionDef] = field(default_factory=set)


_METHOD_CACHE: weakref.WeakKeyDictionary[nodes.FunctionDef, dict[int, Mutation | None]] = (
    weakref.WeakKeyDictionary()
)


class MutationFinder:
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
            return base.part(f".{node.attrname}")
        if isinstance(node, nodes.Subscript):
            base = self.origin_of(node.value)
            if base is None:
                return None
            if isinstance(node.slice, nodes.Slice):
                return base.part(f"[{subscript_text(node.slice)}]").copied()
            return base.part(f"[{subscript_text(node.slice)}]")
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
        if isinstance(node, nodes.Dict) and node.items:
            spread = [self.origin_of(v) for k, v in node.items if isinstance(k, nodes.DictUnpack)]
            return next((o.copied() for o in spread if o), None)
        if isinstance(node, (nodes.List, nodes.Tuple, nodes.Set)):
            spread = [self.origin_of(e.value) for e in node.elts if isinstance(e, nodes.Starred)]
            return next((o.copied() for o in spread if o), None)
        return None

    def _origin_of_call(self, call: nodes.Call) -> Origin | None:
        extra = self.context.extra_origin(call)
        if extra is not None:
            return extra
        func = call.func
        if isinstance(func, nodes.Attribute):
            receiver = self.origin_of(func.expr)
            if receiver is not None:
                return self._origin_of_method_result(receiver, func)
        name = qualified_name(func)
        first = self.origin_of(call.args[0]) if call.args else None
        if first is None or name is None or name in _DEEP_COPIES:
            return None
        if name in _SHALLOW_COPIES:
            return first.copied()
        if name == "builtins.vars":
            return None if refuses_assignment(call.args[0]) else first.part(".__dict__")
        if name == "builtins.getattr" and len(call.args) >= 2:
            attr = inference.infer_constant(call.args[1])
            return first.part(f".{attr}") if isinstance(attr, str) else None
        return None

    def _origin_of_method_result(self, receiver: Origin, func: nodes.Attribute) -> Origin | None:
        method = func.attrname
        if method == "copy":
            return receiver.copied()
        if method in _PART_ACCESSORS:
            return receiver.part(f".{method}()")
        if method in _CONTAINER_PART_ACCESSORS and inference.all_values_are(
            inference.infer_values(func.expr), inference.MUTABLE_BUILTINS
        ):
            call = func.parent
            arguments = call.args[:1] if isinstance(call, nodes.Call) else []
            return receiver.part(f".{method}({', '.join(subscript_text(a) for a in arguments)})")
        return None

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

    def _call(self, call: nodes.Call) -> None:
        func = call.func
        if isinstance(func, nodes.Attribute):
            receiver = self.origin_of(func.expr)
            if receiver is not None and not receiver.fresh:
                described = self._mutating_method(func)
                if described is not None:
                    self._record("FXS002", call, described, receiver, _method_key(receiver, call))
                    return
        name = qualified_name(func) or ""
        first = self.origin_of(call.args[0]) if call.args else None
        if first is not None and not first.fresh and self._is_argument_mutator(name):
            self._argument_mutator(call, name, first)
            return
        self._helper_call(call)

    def _is_argument_mutator(self, name: str) -> bool:
        if name in ARGUMENT_MUTATORS or name in ("builtins.setattr", "builtins.delattr"):
            return True
        owner, _, method = name.rpartition(".")
        return owner in inference.MUTABLE_BUILTINS and method in CONTAINER_MUTATORS

    def _argument_mutator(self, call: nodes.Call, name: str, origin: Origin) -> None:
        short = name.removeprefix("builtins.")
        if name in ("builtins.setattr", "builtins.delattr"):
            attr = inference.infer_constant(call.args[1]) if len(call.args) > 1 else None
            if not refuses_assignment(call.args[0]):
                self._record("FXS003", call, f"{short}()", origin, f"{origin.path}.{attr}")
            return
        self._record("FXS002", call, f"{short}()", origin, origin.path)

    def _mutating_method(self, func: nodes.Attribute) -> str | None:
        """``.append()`` when calling ``func`` changes its receiver, else None."""
        method = func.attrname
        if method in READING_METHODS:
            return None
        if _is_instance_dict(func.expr):
            return f".{method}()" if method in CONTAINER_MUTATORS else None
        if (method not in CONTAINER_MUTATORS and method not in self.context.mutating_methods
                and not may_call_project_code(func.expr, self.context.is_project_module)):
            return None  # only a project class's method could change it: none can be here
        values = inference.infer_values(func.expr)
        if not values:
            return f".{method}()" if method in self.context.mutating_methods else None
        if inference.all_mutable_collections(values):
            return f".{method}()" if method in CONTAINER_MUTATORS else None
        for value in values:
            cls = inference.instance_class(value)
            if cls is not None and self._user_method_mutates(cls, method) is not None:
                return f".{method}()"
        return None

    def _user_method_mutates(self, cls: nodes.ClassDef, method: str) -> Mutation | None:
        try:
            found = cls.getattr(method)
        except Exception:
            return None
        func = found[0] if found else None
        if not isinstance(func, nodes.FunctionDef) or not self.context.is_project_file(
            func.root().file or ""
        ):
            return None
        if not func.args.args or self.depth >= MAX_CALL_DEPTH:
            return None
        cached = _METHOD_CACHE.get(func, {})
        if self.depth in cached:
            return cached[self.depth]
        if func in self.context.active:
            self.cut_short = True  # the answer depends on the path the walk came by: not kept
            return None
        self_name = func.args.args[0].name
        result, complete = self._sub_walk(func, {self_name: Origin(self_name, None)})
        if complete:
            # Kept per depth: the same function followed from deeper has fewer levels left.
            _METHOD_CACHE.setdefault(func, {})[self.depth] = result
        return result

    def _sub_walk(self, func: nodes.FunctionDef, roots: dict[str, Origin]) -> tuple[Mutation | None, bool]:
        """The first mutation of the roots in ``func``, and whether the walk saw all of ``func``."""
        self.context.active.add(func)
        finder = MutationFinder(self.context, self.depth + 1)
        try:
            found = finder.find(func, roots)
        finally:
            self.context.active.discard(func)
        self.cut_short = self.cut_short or finder.cut_short
        return (found[0] if found else None), not finder.cut_short

    def _helper_call(self, call: nodes.Call) -> None:
        passed: list[tuple[int | str, nodes.NodeNG]] = list(enumerate(call.args))
        passed += [(kw.arg, kw.value) for kw in call.keywords or () if kw.arg]
        tracked: list[tuple[int | str, nodes.NodeNG, Origin]] = []
        for where, arg in passed:
            origin = self.origin_of(arg)
            if origin is not None and not origin.fresh:
                tracked.append((where, arg, origin))
        if not tracked or not may_call_project_code(call.func, self.context.is_project_module):
            return
        if self.depth >= MAX_CALL_DEPTH:
            return
        callee, offset = self._callee(call)
        if callee is None:
            return
        if callee in self.context.active:
            self.cut_short = True
            return
        for where, arg, origin in tracked:
            param = _parameter(callee, where, offset)
            if param is None:
                continue
            values = inference.infer_values(arg)
            with inference.parameters_inferring_to({param: values}):
                inner, _complete = self._sub_walk(callee, {param.name: Origin(param.name, None)})
            if inner is not None:
                inside = inner.origin.path[len(param.name):]
                self._record_helper_call(call, callee, inner, origin.part(inside) if inside else origin)
                return

    def _record_helper_call(self, call: nodes.Call, callee: nodes.FunctionDef, inner: Mutation,
                            origin: Origin) -> None:
        label = function_label(callee)
        if inner.site_where:
            site_action, site_function, site_where = inner.site_action, inner.site_function, inner.site_where
        else:
            site_action, site_function = inner.action, label
            site_where = f"{relative(callee.root().file or '')}:{inner.node.lineno}"
        place = f"at {site_where}" if site_function == label else f"in '{site_function}()' at {site_where}"
        action = f"calling '{label}()' ({site_action} {place})"
        restoring = bool(self.restoring) or self._after_yield
        self.mutations.append(Mutation(inner.code, call, action, origin, origin.path, restoring,
                                       site_action, site_function, site_where))

    def _callee(self, call: nodes.Call) -> tuple[nodes.FunctionDef | None, int]:
        for value in inference.infer_values(call.func):
            func = _unwrap_function(value)
            if isinstance(func, nodes.FunctionDef) and self.context.is_project_file(func.root().file or ""):
                bound = isinstance(value, bases.BoundMethod) or func.type == "classmethod"
                return func, 1 if bound else 0
        return None, 0


def _method_key(receiver: Origin, call: nodes.Call) -> str:
    """What a method call changes: ``d.pop("k")`` only the item ``d["k"]``, ``d.clear()`` all of ``d``."""
    method = call.func.attrname if isinstance(call.func, nodes.Attribute) else ""
    if method in ("pop", "__delitem__", "__setitem__", "setdefault") and call.args:
        key = call.args[0]
        if isinstance(key, nodes.Const):
            return f"{receiver.path}[{subscript_text(key)}]"
    return receiver.path


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


def _is_instance_dict(expr: nodes.NodeNG) -> bool:
    """``vars(x)`` or ``x.__dict__``: the instance's attribute dict."""
    if isinstance(expr, nodes.Attribute):
        return bool(expr.attrname == "__dict__")
    return isinstance(expr, nodes.Call) and qualified_name(expr.func) == "builtins.vars"


def function_label(func: nodes.FunctionDef) -> str:
    """``helper`` for a function, ``Class.method`` for a method."""
    owner = func.parent
    return f"{owner.name}.{func.name}" if isinstance(owner, nodes.ClassDef) else str(func.name)


def _unwrap_function(value: object) -> object:
    """The FunctionDef behind a bound or unbound method proxy."""
    for _ in range(3):
        if isinstance(value, nodes.FunctionDef):
            return value
        value = getattr(value, "_proxied", value)
    return value


def _parameter(func: nodes.FunctionDef, where: int | str | None, offset: int) -> nodes.AssignName | None:
    positional = list(func.args.posonlyargs or []) + list(func.args.args or [])
    if isinstance(where, int):
        index = where + offset
        return positional[index] if index < len(positional) else None
    for param in positional + list(func.args.kwonlyargs or []):
        if param.name == where:
            return param
    return None


PYTEST_HELPERS = frozenset(
    "request monkeypatch mocker capsys capfd caplog recwarn pytestconfig tmp_path tmpdir".split()
)


def defining_name(expr: nodes.NodeNG, depth: int = 0) -> str | None:
    """Where the root of ``a.b().c`` comes from, read from imports and local assignments:
    ``click.testing.CliRunner`` for ``runner.invoke`` after ``runner = CliRunner()``."""
    root = expression_root(expr)
    if root is None:
        return None
    name = qualified_name(root)
    if name is not None or depth >= 3:
        return name
    binding = name_binding(root)
    if is_parameter(binding):
        # pytest's own helpers are library code (names users do not reuse)
        return "pytest" if root.name in PYTEST_HELPERS else None
    value = assigned_value(binding) if binding is not None else None
    return defining_name(value, depth + 1) if value is not None else None


def may_call_project_code(expr: nodes.NodeNG, is_project_module: Callable[[str], bool]) -> bool:
    """Cheap syntactic gate before inference: builtins and installed modules are not followed."""
    name = defining_name(expr)
    if name is None or name.startswith("."):
        return True
    top = name.split(".")[0]
    return top != "builtins" and is_project_module(top)


def subscript_text(index: nodes.NodeNG) -> str:
    """The index as written, with string keys in double quotes as most code writes them."""
    if isinstance(index, nodes.Const) and isinstance(index.value, str):
        return json.dumps(index.value)
    return str(index.as_string())


def _assign_attr_key(target: nodes.NodeNG) -> str | None:
    if isinstance(target, nodes.AssignAttr):
        base = dotted(target.expr)
        return f"{base}.{target.attrname}" if base else None
    return None


def unrestored(mutations: list[Mutation]) -> list[Mutation]:
    """Drop mutations that the same function undoes later (finally, after yield, finalizer)."""
    restored = [m.key for m in mutations if m.restoring]
    return [
        m for m in mutations
        if not m.restoring and not any(_covers(key, m.key) for key in restored)
    ]


def _covers(restored: str, key: str) -> bool:
    return key == restored or key.startswith((restored + "[", restored + "."))
