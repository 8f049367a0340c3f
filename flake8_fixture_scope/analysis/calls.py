"""Following calls out of a walk: mutating methods of containers and of project classes, functions
that change their argument, and helpers whose source the linter can read (to a bounded depth).

A method's summary is kept per depth left (the same method followed from deeper has fewer
levels to go), and never when a cycle cut it short: the answer for a file never depends on
what was checked before it.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from astroid import bases, nodes

from . import inference
from .events import Context, Mutation, Origin
from .modules import names_a_module
from .namespaces import (
    binds_into_separate_locals, is_eval, is_own_globals, namespace_arguments, rebinds_own_module_names,
    writes_module_namespace,
)
from .names import assigned_value, expression_root, is_parameter, name_binding, qualified_name, subscript_text
from .value_kinds import refuses_assignment
from ..project import relative
from ..vocabulary import ARGUMENT_MUTATORS, CONTAINER_MUTATORS, READING_METHODS


MAX_CALL_DEPTH = 3

_METHOD_CACHE: weakref.WeakKeyDictionary[nodes.FunctionDef, dict[int, Mutation | None]] = (
    weakref.WeakKeyDictionary()
)


class CallFollowing:
    """The call-following part of a walk (mixed into ``MutationFinder``)."""

    context: Context
    depth: int
    restoring: int
    cut_short: bool
    _after_yield: bool
    mutations: list[Mutation]

    def origin_of(self, node: nodes.NodeNG) -> Origin | None:
        raise NotImplementedError

    def _record(self, code: str, node: nodes.NodeNG, action: str, origin: Origin, key: str) -> None:
        raise NotImplementedError

    def _is_library_state(self, expr: nodes.NodeNG) -> bool:
        """Module-level state of a library (``os.environ``), whose type is not inferred."""
        return False

    def _is_module_state(self, expr: nodes.NodeNG) -> bool:
        """Module-level state (of any module), whatever its type."""
        return False

    def _entry_values(self, expr: nodes.NodeNG) -> list[object]:
        """What a handed-out entry of shared state may be, where inference cannot say."""
        return []

    def _new_walk(self) -> Any:
        """A walk one level deeper, with the same context."""
        raise NotImplementedError

    def _calls_a_mock(self, call: nodes.Call) -> bool:
        raise NotImplementedError

    def _call(self, call: nodes.Call) -> None:
        if self._calls_a_mock(call):
            return  # the call goes to the mock a patch put there
        func = call.func
        if isinstance(func, nodes.Attribute):
            receiver = self.origin_of(func.expr)
            if receiver is not None and not receiver.fresh:
                described = self._mutating_method(func)
                if described is not None:
                    self._record("FXS002", call, described, receiver, _method_key(receiver, call))
                    return
        if self._calls_mutating_object(call) or self._runs_code_into(call):
            return
        name = qualified_name(func) or ""
        first = self.origin_of(call.args[0]) if call.args else None
        if first is not None and not first.fresh and self._is_argument_mutator(name):
            self._argument_mutator(call, name, first)
            return
        self._helper_call(call)

    def _calls_mutating_object(self, call: nodes.Call) -> bool:
        """``client.forums(name)`` where ``client.forums`` is an object whose ``__call__`` changes it:
        the same as ``client.forums.__call__(name)``."""
        origin = self.origin_of(call.func)
        if origin is None or origin.fresh or not isinstance(call.func, (nodes.Attribute, nodes.Name)):
            return False
        if not may_call_project_code(call.func, self.context.is_project_module):
            return False
        for value in inference.infer_values(call.func):
            cls = inference.instance_class(value)
            if cls is not None and self._user_method_mutates(cls, "__call__") is not None:
                self._record("FXS002", call, "calling it (its __call__)", origin, origin.path)
                return True
        return False

    def _runs_code_into(self, call: nodes.Call) -> bool:
        """``exec(code, NS)`` / ``eval(expr, NS, LOCALS)``: a write of each tracked dict given."""
        written = False
        for namespace in namespace_arguments(call):
            origin = self.origin_of(namespace)
            if origin is None or origin.fresh or not self._writes_namespace(call, namespace, origin):
                continue
            short = "eval" if is_eval(call) else "exec"
            self._record("FXS002", call, f"{short}()", origin, origin.path)
            written = True
        return written

    @staticmethod
    def _writes_namespace(call: nodes.Call, namespace: nodes.NodeNG, origin: Origin) -> bool:
        """A plain dict gets ``__builtins__`` (and what the code binds); a module's namespace
        only what the code binds, and the calling module's ``globals()`` only a name it uses."""
        binds_here = not binds_into_separate_locals(call, namespace)
        if is_own_globals(namespace):
            return binds_here and rebinds_own_module_names(call, call.root())
        if origin.path.endswith(".__dict__"):
            return binds_here and writes_module_namespace(call)
        return True

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
        if method in READING_METHODS or names_a_module(func.expr):
            return None  # ``np.append(a, b)``: a function of a module, not a method of a container
        if _is_instance_dict(func.expr):
            return f".{method}()" if method in CONTAINER_MUTATORS else None
        if (method not in CONTAINER_MUTATORS and method not in self.context.mutating_methods
                and not may_call_project_code(func.expr, self.context.is_project_module)):
            return None  # only a project class's method could change it: none can be here
        if method in CONTAINER_MUTATORS and self._is_library_state(func.expr):
            return f".{method}()"  # ``os.environ.update()``, ``sys.path.insert()``: no library is built
        values = self._entry_values(func.expr) or inference.infer_values(func.expr)
        if not values:
            unknown_state = method in CONTAINER_MUTATORS and self._is_module_state(func.expr)
            return f".{method}()" if method in self.context.mutating_methods or unknown_state else None
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
        finder = self._new_walk()
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
    if name is None or name.startswith(".") or name == "builtins.super":
        return True  # ``super().__init__()``: a base class's method, maybe the project's
    top = name.split(".")[0]
    return top != "builtins" and is_project_module(top)


def _is_instance_dict(expr: nodes.NodeNG) -> bool:
    """``vars(x)`` or ``x.__dict__``: the instance's attribute dict."""
    if isinstance(expr, nodes.Attribute):
        return bool(expr.attrname == "__dict__")
    return isinstance(expr, nodes.Call) and qualified_name(expr.func) == "builtins.vars"
