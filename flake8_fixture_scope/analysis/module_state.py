"""FXS020 and FXS022: tests, fixtures and xunit set-ups that change module-level state.

Module-level state is what outlives a test: imported modules and their attributes
(``os.environ``, ``sys.path``), classes, module-level objects of this or an imported module,
and module globals rebound through ``global``. The walk is MutationFinder's, seeded with the
free names of a function that resolve (by ``lookup``, no inference) to such objects.
"""

from __future__ import annotations

import sys

from astroid import nodes

from .consumers import XUNIT_TEARDOWNS
from .events import Context, ModuleObject, Mutation, Origin
from ..vocabulary import CLASS_SETUPS, CONTAINER_MAKERS, PER_INSTANCE_SETUPS
from .names import dotted, qualified_name
from . import inference
from .calls import may_call_project_code
from .names import subscript_text
from .process_state import process_state_call, state_object_change
from .restores import UNDO, as_undo, is_context_local, is_fresh_value, is_removal, is_reset, unrestored
from .summaries import MAX_SUMMARY_DEPTH, call_mutation, called_function, summary
from .state_guards import patched_key
from ..project import PROJECT
from .calls import MAX_CALL_DEPTH
from .walk import MutationFinder

# Methods that only read: a call of one in a teardown does not restore anything.
_READERS = frozenset({"get", "copy", "keys", "values", "items", "index", "count", "__getitem__",
                      "__contains__", "startswith", "endswith"})
# Fixtures and names whose calls patch with automatic undo (pytest / pytest-mock / unittest.mock).
_PATCHERS = frozenset({"monkeypatch", "mocker", "class_mocker", "module_mocker", "package_mocker",
                       "session_mocker", "patch", "patcher"})


_FINALIZER_REGISTRARS = frozenset({"addfinalizer", "addCleanup", "addClassCleanup", "addModuleCleanup"})


def module_state_roots(func: nodes.FunctionDef, own_class: nodes.ClassDef | None) -> dict[str, Origin]:
    """The free names used in ``func`` that resolve to module-level objects (no inference)."""
    roots: dict[str, Origin] = {}
    for name in {n for node in func.nodes_of_class(nodes.Global) for n in node.names}:
        roots[name] = Origin(name, ModuleObject(name, "global"))
    seen: set[tuple[nodes.NodeNG, str]] = set()
    for node in func.nodes_of_class(nodes.Name):
        key = (node.scope(), node.name)
        if key in seen or node.name in roots:
            continue
        seen.add(key)
        kind = _module_binding_kind(node, own_class)
        if kind is not None:
            qualified = qualified_name(node) if kind in ("module", "import") else None
            roots[node.name] = Origin(node.name, ModuleObject(node.name, kind, qualified or ""))
    roots.update(class_attribute_roots(func, own_class))
    return roots


def instance_attribute_roots(func: nodes.FunctionDef, context: Context) -> dict[str, Origin]:
    """``h.registered`` after ``h = Handler()``: an attribute the project class's body defines
    as a container, and ``__init__`` does not give each instance, is the class's own state."""
    roots: dict[str, Origin] = {}
    for assign in func.nodes_of_class(nodes.Assign):
        target = assign.targets[0] if len(assign.targets) == 1 else None
        value = assign.value
        if not isinstance(target, nodes.AssignName) or not isinstance(value, nodes.Call) \
                or not may_call_project_code(value.func, context.is_project_module):
            continue
        for cls in inference.infer_values(value.func):
            if isinstance(cls, nodes.ClassDef) and context.is_project_file(cls.root().file or ""):
                for name in _shared_attributes(cls):
                    key = f"{cls.name}.{name}"
                    roots[f"{target.name}.{name}"] = Origin(key, ModuleObject(key, "class"))
                break
    return roots


def _defined_at_module_level(func: nodes.FunctionDef) -> bool:
    """A function of the module, or a method of a class (nested in classes) of the module."""
    node: nodes.NodeNG | None = func.parent
    while isinstance(node, nodes.ClassDef):
        node = node.parent
    return isinstance(node, nodes.Module)


def class_attribute_roots(func: nodes.FunctionDef, own_class: nodes.ClassDef | None) -> dict[str, Origin]:
    """In a test method (or per-test set-up): the test class itself and, as ``self.items``, each
    mutable attribute its body defines, one object shared by every test of the class. Class
    set-ups (``setup_class``) build that state; they are not reported for it."""
    if own_class is None or func.name in CLASS_SETUPS or func.type != "method" or not func.args.args:
        return {}
    self_name = func.args.args[0].name
    roots = {own_class.name: Origin(own_class.name, ModuleObject(own_class.name, "class"))}
    for name in _shared_attributes(own_class):
        key = f"{own_class.name}.{name}"
        roots[f"{self_name}.{name}"] = Origin(key, ModuleObject(key, "class"))
    return roots


def _shared_attributes(cls: nodes.ClassDef) -> set[str]:
    names = {target.name for statement in cls.body if isinstance(statement, nodes.Assign)
             for target in statement.targets
             if isinstance(target, nodes.AssignName) and is_container_value(statement.value)}
    for statement in cls.body:
        if isinstance(statement, nodes.FunctionDef) and statement.name in PER_INSTANCE_SETUPS:
            names -= {target.attrname for target in statement.nodes_of_class(nodes.AssignAttr)}
    return names


def is_container_value(value: nodes.NodeNG) -> bool:
    """A display or comprehension of a mutable container, or a call of a container type."""
    if isinstance(value, (nodes.List, nodes.Dict, nodes.Set, nodes.ListComp, nodes.DictComp, nodes.SetComp)):
        return True
    return isinstance(value, nodes.Call) and (dotted(value.func) or "").rpartition(".")[2] in CONTAINER_MAKERS


def declared_globals(func: nodes.FunctionDef | nodes.Lambda) -> set[str]:
    """Names a ``global`` statement in ``func`` itself (not in nested functions) declares."""
    names: set[str] = set()
    for node in func.nodes_of_class(nodes.Global, skip_klass=(nodes.FunctionDef, nodes.Lambda)):
        names.update(node.names)
    return names


def _module_binding_kind(name: nodes.Name, own_class: nodes.ClassDef | None) -> str | None:
    try:
        scope, bindings = name.lookup(name.name)
    except Exception:
        return None
    if not bindings or (isinstance(scope, nodes.Module) and scope.name == "builtins"):
        return None
    binding = bindings[0]
    if isinstance(binding, nodes.Import):
        return "module"  # also a local ``import os``: the name is the shared module
    if isinstance(binding, nodes.ImportFrom):
        return "import"
    if not isinstance(scope, nodes.Module):
        return None
    if isinstance(binding, nodes.ClassDef):
        return None if binding is own_class else "class"
    if isinstance(binding, nodes.AssignName) and binding.scope() is scope:
        return "object"
    return None  # functions, and anything else, are not state a test changes


class ModuleStateFinder(MutationFinder):
    """MutationFinder with module-state rules: globals, patchers, lenient restoring calls."""

    def __init__(self, context: Context, depth: int = 0) -> None:
        super().__init__(context, depth)
        self._global_names: dict[nodes.NodeNG, set[str]] = {}
        self._saved: dict[str, object] = {}  # names bound to what a target held (or a copy)
        # Restores that hold only inside a ``with`` block: (the block, the key it puts back).
        self.scoped: list[tuple[nodes.With, str]] = []
        self._loop_patches: list[tuple[str, str]] = []  # (container, iterable) patched key by key

    # ------------------------------------------------------------------ undo in the same function
    def _bind(self, target: nodes.NodeNG, value: nodes.NodeNG) -> None:
        super()._bind(target, value)
        if isinstance(target, nodes.AssignName):
            read = self._read_keys(value)
            if read is None:
                self._saved.pop(target.name, None)
            else:
                self._saved[target.name] = read

    def _read_keys(self, value: nodes.NodeNG) -> object:
        """The target(s) ``value`` reads, copy or not: ``sys.path[:]``, ``os.environ.get("X")``."""
        if isinstance(value, (nodes.Tuple, nodes.List)):
            keys = [self._read_keys(element) for element in value.elts]
            return keys if any(k is not None for k in keys) else None
        if isinstance(value, nodes.Name) and value.name in self._saved:
            return self._saved[value.name]
        if (isinstance(value, nodes.Call) and isinstance(value.func, nodes.Attribute)
                and value.func.attrname == "get" and value.args):
            receiver = self.origin_of(value.func.expr)
            if receiver is not None:
                return f"{receiver.path}[{subscript_text(value.args[0])}]"
        origin = self.origin_of(value)
        return origin.path.removesuffix("[:]") if origin is not None else None

    def _record(self, code: str, node: nodes.NodeNG, action: str, origin: Origin, key: str) -> None:
        if (action == "item deletion" and isinstance(node, nodes.Subscript)
                and isinstance(node.slice, nodes.Slice)):
            action = "slice deletion"
        if (action == ".pop()" and isinstance(node, nodes.Call) and node.args and key == origin.path
                and isinstance(node.args[0], (nodes.Name, nodes.Attribute, nodes.JoinedStr))):
            key = f"{origin.path}[{subscript_text(node.args[0])}]"  # the entry it removes
        if any(key.startswith(f"{path}[{iterable}[") for path, iterable in self._loop_patches):
            return  # ``sys.modules[KEYS[0]]`` after ``monkeypatch.setitem(sys.modules, key, ...)`` for KEYS
        earlier = [m for m in self.mutations if not m.restoring]
        super()._record(code, node, action, origin, key)
        if self._is_undo(node, action, key, earlier):
            self.mutations[-1] = as_undo(self.mutations[-1])

    def _is_undo(self, node: nodes.NodeNG, action: str, key: str, earlier: list[Mutation]) -> bool:
        """A removal of what this function added, a saved value or the initial constant put back."""
        if is_removal(action):
            return any(_overlapping(m.key, key) and not is_removal(m.action) for m in earlier)
        assigned = node.parent if isinstance(node, (nodes.AssignAttr, nodes.AssignName)) else None
        if action in (".clear()", ".cache_clear()") or (
                isinstance(assigned, nodes.Assign) and is_fresh_value(assigned.value)):
            return any(_overlapping(m.key, key) for m in earlier)  # ``app.overrides = {}`` at the end
        if (isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) and node.args
                and node.func.attrname in ("update", "extend")):
            return self._read_keys(node.args[0]) == key  # ``X.clear(); X.update(saved)``
        value, path = _assigned_value(node)
        if value is None:
            return False
        if path and isinstance(value, nodes.Name):
            read = _pick(self._saved.get(value.name), path)
        else:
            read = self._read_keys(_element(value, path))
        if read == key:
            return True
        return isinstance(value, nodes.Const) and _is_initial_constant(node, value)

    def _in_restoring_place(self) -> bool:
        return bool(self.restoring) or self._after_yield

    def _mark_restored(self, node: nodes.NodeNG, origin: Origin) -> None:
        loop = _loop_patch(node, origin.path) if isinstance(node, nodes.Call) else None
        if loop is not None:
            self._loop_patches.append(loop)
        block = _patcher_context(node) if isinstance(node, nodes.Call) else None
        if block is not None and not self._holds_the_yield(block):
            self.scoped.append((block, origin.path))  # ``with monkeypatch.context() as m:``
            return
        self.mutations.append(Mutation("FXS020", node, "restore", origin, origin.path, True))

    # ------------------------------------------------------------------ restoring context managers
    def _visit(self, node: nodes.NodeNG) -> None:
        if (isinstance(node, nodes.Call) and node.args and self._in_restoring_place()
                and qualified_name(node.func) == "importlib.reload"):
            reloaded = self.origin_of(node.args[0])  # every attribute back to what the source says
            if reloaded is not None:
                self._mark_restored(node, reloaded)
        if isinstance(node, (nodes.With, nodes.AsyncWith)) and self.depth < MAX_CALL_DEPTH:
            for expr, _var in node.items:
                for key in self._context_restores(expr):
                    if self._holds_the_yield(node):
                        origin = Origin(key, ModuleObject(key, "patch"))
                        self.mutations.append(Mutation("FXS020", expr, "restore", origin, key, True))
                    else:
                        self.scoped.append((node, key))
        super()._visit(node)

    def origin_of(self, node: nodes.NodeNG) -> Origin | None:
        origin = super().origin_of(node)
        if origin is not None and isinstance(node, nodes.Subscript) and _builds_a_value(node, origin):
            return None  # ``np.c_[a, b]``: a new array, not a part of numpy
        return origin

    def _visit_nested_function(self, func: nodes.FunctionDef | nodes.Lambda) -> None:
        if isinstance(func, nodes.FunctionDef) and not func.decorators and _never_called(func):
            return  # ``sample.__code__`` is read, the body never runs
        super()._visit_nested_function(func)

    def _holds_the_yield(self, block: nodes.NodeNG) -> bool:
        """A fixture's ``yield`` inside the block: the test runs, and its changes end, inside it."""
        return any(y.scope() is self._top for y in block.nodes_of_class(nodes.Yield))

    def _context_restores(self, expr: nodes.NodeNG) -> list[str]:
        """What a readable ``@contextmanager`` puts back after its ``yield`` or in ``finally:``."""
        if not isinstance(expr, nodes.Call):
            return []
        known = _LIBRARY_RESTORERS.get(qualified_name(expr.func) or "")
        if known is not None:
            return list(known)
        func = next((v for v in inference.infer_values(expr.func) if isinstance(v, nodes.FunctionDef)), None)
        if (func is None or func in self.context.active or not func.decorators
                or not any((dotted(d) or "").endswith("contextmanager") for d in func.decorators.nodes)
                or not self.context.is_project_file(func.root().file or "")):
            return []
        roots = module_state_roots(func, class_of(func))
        passed: dict[str, Origin] = {}
        positional = list(func.args.posonlyargs or []) + list(func.args.args or [])
        for param, arg in zip(positional, expr.args):
            origin = self.origin_of(arg)
            if origin is not None:
                passed[param.name] = roots[param.name] = origin
        for keyword in expr.keywords or ():
            origin = self.origin_of(keyword.value)
            if keyword.arg and origin is not None:
                passed[keyword.arg] = roots[keyword.arg] = origin
        self.context.active.add(func)
        finder = ModuleStateFinder(self.context, self.depth + 1)
        try:
            finder.find(func, roots)
        finally:
            self.context.active.discard(func)
        keys: list[str] = []
        for mutation in finder.mutations:
            if mutation.restoring:
                keys.append(mutation.key)
                if any(mutation.origin.path == o.path for o in passed.values()):
                    keys.append(mutation.origin.path)  # ``delattr(obj, name)`` with obj passed in
        return keys

    # ------------------------------------------------------------------ global rebinding
    def _is_global(self, target: nodes.NodeNG) -> bool:
        if not isinstance(target, (nodes.AssignName, nodes.DelName)):
            return False
        scope = target.scope()
        if scope not in self._global_names:
            is_function = isinstance(scope, (nodes.FunctionDef, nodes.Lambda))
            self._global_names[scope] = declared_globals(scope) if is_function else set()
        return target.name in self._global_names[scope]

    def _rebinding(self, target: nodes.NodeNG, action: str) -> None:
        name = target.name
        self._record("FXS020", target, action, Origin(name, ModuleObject(name, "global")), name)

    def _mutations_of_target(self, target: nodes.NodeNG, item_action: str, attr_action: str) -> None:
        if self._is_global(target):
            deleting = isinstance(target, nodes.DelName)
            self._rebinding(target, "deleting through 'global'" if deleting else "rebinding through 'global'")
            return
        if self._state_object_write(target, attr_action):
            return
        super()._mutations_of_target(target, item_action, attr_action)

    def _augmented(self, node: nodes.AugAssign) -> None:
        if self._is_global(node.target):
            self._rebinding(node.target, f"'{node.op}' through 'global'")
            return
        super()._augmented(node)

    # ------------------------------------------------------------------ calls
    def _call(self, call: nodes.Call) -> None:
        func = call.func
        if is_patching(call):  # monkeypatch / mock.patch undo what they change
            key = patched_key(call, self.origin_of)
            if key is not None:
                self._mark_restored(call, Origin(key, self._patched_object(key)))
            return
        if self._process_state(call) or self._project_call(call):
            return
        if isinstance(func, nodes.Attribute) and func.attrname in _FINALIZER_REGISTRARS:
            self._finalizer_method(call)
        if isinstance(func, nodes.Attribute):
            receiver = self.origin_of(func.expr)
            if (receiver is not None and self._in_restoring_place() and func.attrname not in _READERS
                    and not _is_bare_module(receiver)):
                self._mark_restored(call, receiver)
                return
            if receiver is not None and self._is_module_function(func):
                self._helper_call(call)
                return
        super()._call(call)

    def _patched_object(self, key: str) -> ModuleObject:
        """What a patch target names, qualified through its import (``config.X``: ``pkg.config``)."""
        head = key.replace("[", ".").split(".")[0]
        origin = self.aliases.get(head)
        if origin is None or not isinstance(origin.source, ModuleObject) or origin.path != head:
            return ModuleObject(key, "patch")
        qualified = origin.source.qualified
        return ModuleObject(head if qualified else key, "patch", qualified)

    # ------------------------------------------------------------------ process-wide state
    def _process_state(self, call: nodes.Call) -> bool:
        """``os.chdir(p)``, ``logging.getLogger("x").setLevel(...)``: process state changed by a call."""
        found = process_state_call(call)
        if found is not None:
            state, part = found
            origin = Origin(state.key, ModuleObject(state.key, "process"))
            if part == "change":
                self._record("FXS020", call, f"{qualified_name(call.func)}()", origin, state.key)
            else:  # an undo wherever it is (not exception-safe outside a finally: not told apart yet)
                self._mark_restored(call, origin)
            return True
        func = call.func
        target = (state_object_change(func.expr, func.attrname, self.context.is_project_module)
                  if isinstance(func, nodes.Attribute) else None)
        if target is None:
            return False
        origin = Origin(target, ModuleObject(target, "process"))
        self._record("FXS020", call, f".{func.attrname}()", origin, target)
        return True

    def _state_object_write(self, target: nodes.NodeNG, action: str) -> bool:
        """``logging.getLogger("x").propagate = False``, ``decimal.getcontext().prec = 5``."""
        if not isinstance(target, (nodes.AssignAttr, nodes.DelAttr)):
            return False
        owner = state_object_change(target.expr, target.attrname, self.context.is_project_module)
        if owner is None:
            return False
        key = f"{owner}.{target.attrname}"
        self._record("FXS020", target, action, Origin(key, ModuleObject(key, "process")), key)
        return True

    # ------------------------------------------------------------------ calls into project code
    def _project_call(self, call: nodes.Call) -> bool:
        """A call of a project function that changes its module's or class's state."""
        if self.depth >= MAX_SUMMARY_DEPTH or not may_call_project_code(
                call.func, self.context.is_project_module):
            return False
        func = called_function(call, self.context)
        if func is None or not _defined_at_module_level(func):
            return False  # a nested function is walked where it is defined; a local class is the test's
        changes, complete = summary(func, self.depth, self._summarize, self.context)
        self.cut_short = self.cut_short or not complete
        restoring = self._in_restoring_place()
        self.mutations.extend(call_mutation(call, func, change, restoring) for change in changes)
        return bool(changes)

    def _summarize(self, func: nodes.FunctionDef, depth: int) -> tuple[list[Mutation], bool]:
        finder = ModuleStateFinder(self.context, depth)
        roots = module_state_roots(func, class_of(func))
        if func.type == "classmethod" and func.args.args and isinstance(func.parent, nodes.ClassDef):
            owner = func.parent.name
            roots[func.args.args[0].name] = Origin(owner, ModuleObject(owner, "class"))
        finder.find(func, roots)
        kept = [m for m in finder.mutations if m.restoring or not (is_reset(m) or is_context_local(m))]
        return unrestored(kept), not finder.cut_short

    def _is_module_state(self, expr: nodes.NodeNG) -> bool:
        origin = self.origin_of(expr)
        source = origin.source if origin is not None else None
        return isinstance(source, ModuleObject) and source.kind != "patch"

    def _is_library_state(self, expr: nodes.NodeNG) -> bool:
        origin = self.origin_of(expr)
        source = origin.source if origin is not None else None
        if not isinstance(source, ModuleObject) or source.kind not in ("module", "import"):
            return False
        top = (source.qualified or source.name).split(".")[0]
        return not self.context.is_project_module(top) or top in sys.stdlib_module_names

    def _finalizer_method(self, call: nodes.Call) -> None:
        """``request.addfinalizer(app.overrides.clear)``: the bound method's owner is restored;
        ``functools.partial(setattr, obj, "a", old)`` and ``addCleanup(setattr, obj, "a", old)``
        restore ``obj.a``; ``partial(os.environ.pop, "K")`` restores ``os.environ["K"]``."""
        first = call.args[0] if call.args else None
        arguments = list(call.args[1:])
        if (isinstance(first, nodes.Call) and first.args
                and (qualified_name(first.func) or dotted(first.func) or "").endswith("partial")):
            first, arguments = first.args[0], list(first.args[1:])
        if isinstance(first, nodes.Name) and first.name in ("setattr", "delattr") and len(arguments) >= 2:
            owner = self.origin_of(arguments[0])
            attr = inference.infer_constant(arguments[1])
            if owner is not None and isinstance(attr, str):
                self._mark_restored(call, owner.part(f".{attr}"))
        elif isinstance(first, nodes.Attribute) and first.attrname not in _READERS:
            owner = self.origin_of(first.expr)
            if owner is not None and arguments and isinstance(arguments[0], nodes.Const):
                owner = owner.part(f"[{subscript_text(arguments[0])}]")
            if owner is not None:
                self._mark_restored(call, owner)

    def _is_module_function(self, func: nodes.Attribute) -> bool:
        """``os.getcwd()``: a function of an imported module; calling it changes no object we track."""
        if not isinstance(func.expr, nodes.Name):
            return False
        origin = self.aliases.get(func.expr.name)
        if origin is None or not isinstance(origin.source, ModuleObject):
            return False
        return origin.source.kind == "module" and origin.path == origin.source.name

    def _collect_finalizers(self, func: nodes.FunctionDef) -> None:
        super()._collect_finalizers(func)
        for call in func.nodes_of_class(nodes.Call):
            if isinstance(call.func, nodes.Attribute) and call.func.attrname in _FINALIZER_REGISTRARS:
                for arg in call.args[:1]:
                    if isinstance(arg, nodes.Name):
                        self._finalizer_names.add(arg.name)
                    elif isinstance(arg, (nodes.Lambda, nodes.FunctionDef)):
                        self._finalizers.add(arg)
        for nested in func.nodes_of_class(nodes.FunctionDef):
            decorators = nested.decorators.nodes if nested.decorators else []
            if any(isinstance(d, nodes.Attribute) and d.attrname in _FINALIZER_REGISTRARS
                   for d in decorators):
                self._finalizers.add(nested)  # ``@request.addfinalizer`` on a nested function


# Library context managers that put a target back when their block ends.
_LIBRARY_RESTORERS: dict[str, tuple[str, ...]] = {
    "contextlib.redirect_stdout": ("sys.stdout",),
    "contextlib.redirect_stderr": ("sys.stderr",),
    "warnings.catch_warnings": ("warnings.filters", "warnings.showwarning"),
}


def _builds_a_value(node: nodes.Subscript, origin: Origin) -> bool:
    """Indexing an attribute of an installed (non-stdlib) module, ``np.c_[...]``: index tricks
    and builders make a new value; the library state tests change is stdlib's (``os.environ``)."""
    source = origin.source
    if not isinstance(source, ModuleObject) or source.kind != "module":
        return False
    if not isinstance(node.value, nodes.Attribute):
        return False
    if not isinstance(node.value.expr, nodes.Name):
        return False
    top = (source.qualified or source.name).split(".")[0]
    return top not in sys.stdlib_module_names and not PROJECT.is_project_module(top)


def _never_called(func: nodes.FunctionDef) -> bool:
    """A nested function whose name is only read for its dunder attributes (``f.__code__``)."""
    scope = func.parent.scope() if func.parent is not None else None
    if scope is None:
        return False
    for use in scope.nodes_of_class(nodes.Name):
        if use.name != func.name:
            continue
        parent = use.parent
        if not (isinstance(parent, nodes.Attribute) and parent.attrname.startswith("__")
                and parent.attrname != "__call__"):
            return False
    return True


def _loop_patch(call: nodes.Call, key: str) -> tuple[str, str] | None:
    """``for key in KEYS: monkeypatch.setitem(sys.modules, key, ...)``: (``sys.modules``, ``KEYS``)."""
    if len(call.args) < 2 or not isinstance(call.args[1], nodes.Name):
        return None
    name = call.args[1].name
    suffix = f"[{name}]"
    if not key.endswith(suffix):
        return None
    node: nodes.NodeNG | None = call.parent
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Lambda)):
        if isinstance(node, (nodes.For, nodes.AsyncFor)):
            targets = [node.target] if isinstance(node.target, nodes.AssignName) else list(
                getattr(node.target, "elts", []))
            iterable = node.iter
            if (isinstance(node.target, nodes.Tuple) and isinstance(iterable, nodes.Call)
                    and qualified_name(iterable.func) == "builtins.enumerate" and iterable.args):
                iterable = iterable.args[0]
            if any(isinstance(t, nodes.AssignName) and t.name == name for t in targets):
                return key[: -len(suffix)], iterable.as_string()
        node = node.parent
    return None


def _inside_restoring_block(mutation: Mutation, scoped: list[tuple[nodes.With, str]]) -> bool:
    """A change made inside a ``with`` block that puts the same target (or a parent) back."""
    line = mutation.node.lineno or 0
    return any(block.body and block.body[0].fromlineno <= line <= (block.tolineno or 0)
               and _overlapping(key, mutation.key) for block, key in scoped)


def _patcher_context(call: nodes.Call) -> nodes.With | None:
    """The block of ``with monkeypatch.context() as m:`` when ``call`` is ``m.setattr(...)``."""
    func = call.func
    if not isinstance(func, nodes.Attribute) or not isinstance(func.expr, nodes.Name):
        return None
    name = func.expr.name
    node: nodes.NodeNG | None = call.parent
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Lambda, nodes.Module)):
        if isinstance(node, (nodes.With, nodes.AsyncWith)):
            for expr, var in node.items:
                if isinstance(var, nodes.AssignName) and var.name == name and _is_patch_context(expr):
                    return node
        node = node.parent
    return None


def _is_patch_context(expr: nodes.NodeNG) -> bool:
    """``monkeypatch.context()``, ``pytest.MonkeyPatch.context()``."""
    if not isinstance(expr, nodes.Call) or not isinstance(expr.func, nodes.Attribute):
        return False
    owner = dotted(expr.func.expr) or ""
    patcher = owner.split(".")[0] in _PATCHERS or owner.endswith("MonkeyPatch")
    return expr.func.attrname == "context" and patcher


def _overlapping(one: str, other: str) -> bool:
    return (one == other or one.startswith((other + "[", other + "."))
            or other.startswith((one + "[", one + ".")))


def _assigned_value(target: nodes.NodeNG) -> tuple[nodes.NodeNG | None, list[int]]:
    """The right-hand side that ``target`` (maybe inside a tuple target) receives, and where."""
    path: list[int] = []
    node = target
    while isinstance(node.parent, (nodes.Tuple, nodes.List)):
        path.insert(0, node.parent.elts.index(node))
        node = node.parent
    parent = node.parent
    if isinstance(parent, nodes.Assign) and node in parent.targets:
        return parent.value, path
    return None, path


def _element(value: nodes.NodeNG, path: list[int]) -> nodes.NodeNG:
    for index in path:
        if not isinstance(value, (nodes.Tuple, nodes.List)) or index >= len(value.elts):
            return value
        value = value.elts[index]
    return value


def _pick(saved: object, path: list[int]) -> object:
    for index in path:
        if not isinstance(saved, list) or index >= len(saved):
            return None
        saved = saved[index]
    return saved


def _is_initial_constant(target: nodes.NodeNG, value: nodes.Const) -> bool:
    """``settings.run_checks = True`` where ``settings.py`` says ``run_checks = True``."""
    if isinstance(target, nodes.AssignAttr):
        values = inference.infer_values(target.expr)
        owners = [v for v in values if isinstance(v, (nodes.Module, nodes.ClassDef))]
        name = target.attrname
    elif isinstance(target, nodes.AssignName):
        owners, name = [target.root()], target.name
    else:
        return False
    for owner in owners:
        bindings = owner.locals.get(name, [])
        assigned = [b.parent.value for b in bindings if isinstance(b.parent, nodes.Assign)]
        if len(bindings) == 1 and len(assigned) == 1 and isinstance(assigned[0], nodes.Const):
            return bool(assigned[0].value == value.value and type(assigned[0].value) is type(value.value))
    return False


def is_patching(call: nodes.Call) -> bool:
    """``monkeypatch.setitem(...)``, ``mock.patch.dict(...)``, ``mocker.patch.object(...)``."""
    text = dotted(call.func) or ""
    if any(part in _PATCHERS for part in text.split(".")):
        return True
    name = qualified_name(call.func) or ""
    return name.startswith(("unittest.mock.", "mock.")) or _patcher_context(call) is not None


def mutations_in(func: nodes.FunctionDef, roots: dict[str, Origin], context: Context,
                 teardown: nodes.FunctionDef | None = None,
                 enclosing: list[nodes.FunctionDef] | None = None) -> list[Mutation]:
    """Every module-state mutation in ``func``, restoring ones included; its matching teardown
    restores, and so does a teardown of an enclosing level that writes the same target."""
    finder = ModuleStateFinder(context)
    finder.find(func, roots)
    found = [m for m in finder.mutations if m.restoring or not (_inside_restoring_block(m, finder.scoped)
                                                                or _rejected_in_raises(m))]
    found += _patched_by_decorators(func, finder)
    for down in ([teardown] if teardown is not None else []) + (enclosing or []):
        undo = ModuleStateFinder(context)
        undo.restoring = 1
        undo.find(down, module_state_roots(down, class_of(down)))
        # Any call on a container counts in the matching teardown; an enclosing level must write
        # the same target (``REGISTRY.pop("module")`` restores nothing of ``REGISTRY["method"]``).
        per_test = down is teardown or down.name in _PER_TEST_TEARDOWNS
        found += [m for m in undo.mutations if m.restoring and (per_test or m.action != "restore")]
    return [m for m in found
            if m.restoring or m.code == UNDO or not (
                is_reset(m) or is_context_local(m) or _own_module_entry(m, func)
                or _removes_what_the_test_added(m, func, context))]


def _removes_what_the_test_added(mutation: Mutation, func: nodes.FunctionDef, context: Context) -> bool:
    """``del REGISTRY[handler]`` of a handler the function made, ``del Widget.extra`` (or
    ``delattr``) of an attribute the readable class or module does not define."""
    if not is_removal(mutation.action):
        return False
    node = mutation.node
    key: nodes.NodeNG | None = None
    if isinstance(node, nodes.Subscript):
        key = node.slice
    elif isinstance(node, nodes.Call) and node.args and isinstance(node.func, nodes.Attribute):
        key = node.args[0]
    if isinstance(key, nodes.Name):
        return _is_local_object(key, func)
    owner: nodes.NodeNG | None = None
    attr: object = None
    if isinstance(node, nodes.DelAttr):
        owner, attr = node.expr, node.attrname
    elif isinstance(node, nodes.Call) and len(node.args) >= 2 and mutation.action == "delattr()":
        owner, attr = node.args[0], inference.infer_constant(node.args[1])
    if owner is None or not isinstance(attr, str):
        return False
    values = [v for v in inference.infer_values(owner) if isinstance(v, (nodes.ClassDef, nodes.Module))]
    if not values or not all(context.is_project_file(v.root().file or "") for v in values):
        return False
    for value in values:
        try:
            value.getattr(attr)
            return False
        except Exception:
            continue
    return True


def _is_local_object(name: nodes.Name, func: nodes.FunctionDef) -> bool:
    """A name the function binds to an object it makes (a call, a class, a function, a lambda)."""
    try:
        scope, bindings = name.lookup(name.name)
    except Exception:
        return False
    if scope is not func or len(bindings) != 1:
        return False
    binding = bindings[0]
    if isinstance(binding, (nodes.ClassDef, nodes.FunctionDef)):
        return True
    value = binding.parent.value if isinstance(binding, nodes.AssignName) and isinstance(
        binding.parent, nodes.Assign) else None
    if isinstance(value, nodes.Lambda):
        return True
    if not isinstance(value, nodes.Call):
        return False
    made = inference.infer_values(value.func)
    return bool(made) and all(isinstance(v, nodes.ClassDef) and v.root().name != "builtins" for v in made)


_IMPORTERS = frozenset({"import_module", "run_module", "__import__", "reload", "exec_module", "run_path"})


def _rejected_in_raises(mutation: Mutation) -> bool:
    """The assignment (or the changing call, ``pd.set_option("x", bad)``) a
    ``with pytest.raises(...):`` block ends with: expected to be refused."""
    node = mutation.node
    if not isinstance(node, (nodes.AssignAttr, nodes.Subscript, nodes.Call)):
        return False
    statement = node.statement()
    block = statement.parent
    return (isinstance(block, nodes.With) and bool(block.body) and block.body[-1] is statement
            and any(isinstance(expr, nodes.Call) and (dotted(expr.func) or "").endswith("raises")
                    for expr, _var in block.items))


def _own_module_entry(mutation: Mutation, func: nodes.FunctionDef) -> bool:
    """A ``sys.modules`` entry of a module only this function imports (evicted to import it
    afresh, or made by hand with ``module_from_spec``): no other test holds that module."""
    if not mutation.key.startswith("sys.modules["):
        return False
    node = mutation.node
    if isinstance(node, nodes.Subscript) and _assigned_value(node)[0] is not None:
        value = _assigned_value(node)[0]
        if isinstance(value, nodes.Name):  # ``module = module_from_spec(spec); sys.modules[n] = module``
            made = [n for n in func.nodes_of_class(nodes.AssignName) if n.name == value.name]
            single = made[0].parent if len(made) == 1 else None
            value = single.value if isinstance(single, nodes.Assign) else None
        return isinstance(value, nodes.Call) and (dotted(value.func) or "").endswith("module_from_spec")
    if not is_removal(mutation.action):
        return False
    key: nodes.NodeNG | None = None
    if isinstance(node, nodes.Subscript):
        key = node.slice
    elif isinstance(node, nodes.Call) and node.args:
        key = node.args[0]
    if key is None:
        return False
    name = inference.infer_constant(key)
    if isinstance(name, str) and ("." not in name or _imported_at_module_level(func.root(), name)):
        return False  # a top-level package (``httpx``) is what every other test module imports too
    text = key.as_string()
    for call in func.nodes_of_class(nodes.Call):
        called = (dotted(call.func) or "").split(".")[-1]
        if called in _IMPORTERS and call.args and (call.args[0].as_string() == text
                                                   or inference.infer_constant(call.args[0]) == name):
            return True
    return isinstance(name, str) and not _resolves(name, func.root())


def _imported_at_module_level(module: nodes.Module, name: str) -> bool:
    for statement in module.body:
        names = [n for n, _alias in statement.names] if isinstance(statement, nodes.Import) else []
        if any(n == name or n.startswith(name + ".") or name.startswith(n + ".") for n in names):
            return True
        if isinstance(statement, nodes.ImportFrom) and (statement.modname == name
                                                        or name.startswith(statement.modname + ".")):
            return True
    return False


def _resolves(name: str, module: nodes.Module) -> bool:
    if name.split(".")[0] in sys.stdlib_module_names or PROJECT.find_module_file(name):
        return True
    try:
        module.import_module(name, relative_only=False)
    except Exception:
        return False
    return True


def handed_out_module_state(fixture: nodes.FunctionDef, context: Context) -> Origin | None:
    """The module-level object a fixture returns or yields as it is (``return PARAMETERS``)."""
    finder = ModuleStateFinder(context)
    finder.find(fixture, module_state_roots(fixture, class_of(fixture)))
    return next((o for o in finder.handouts if isinstance(o.source, ModuleObject) and not o.fresh), None)


def _patched_by_decorators(func: nodes.FunctionDef, finder: ModuleStateFinder) -> list[Mutation]:
    """``@mock.patch.dict(os.environ, ...)`` restores what the function changes under it."""
    restores: list[Mutation] = []
    for decorator in func.decorators.nodes if func.decorators else []:
        if isinstance(decorator, nodes.Call) and is_patching(decorator):
            key = patched_key(decorator, finder.origin_of)
            if key is not None:
                origin = Origin(key, ModuleObject(key, "patch"))
                restores.append(Mutation("FXS020", decorator, "patch", origin, key, restoring=True))
    return restores


def _is_bare_module(origin: Origin) -> bool:
    """``os`` itself: ``os.remove(p)`` in a finally restores nothing of ``os.environ``."""
    source = origin.source
    return isinstance(source, ModuleObject) and source.kind == "module" and origin.path == source.name


def class_of(func: nodes.FunctionDef) -> nodes.ClassDef | None:
    parent = func.parent
    return parent if isinstance(parent, nodes.ClassDef) else None


def matching_teardown(setup: nodes.FunctionDef) -> nodes.FunctionDef | None:
    name = XUNIT_TEARDOWNS.get(setup.name)
    container = setup.parent
    if name is None or not isinstance(container, (nodes.Module, nodes.ClassDef)):
        return None
    return _hook(container, name)


_CLASS_TEARDOWNS = ("teardown_method", "teardown", "tearDown", "teardown_class", "tearDownClass")
_MODULE_TEARDOWNS = ("teardown_module", "tearDownModule")


_PER_TEST_TEARDOWNS = frozenset({"teardown_method", "tearDown", "teardown", "teardown_function"})


def enclosing_teardowns(func: nodes.FunctionDef) -> list[nodes.FunctionDef]:
    """The xunit teardowns that run after ``func`` (a test or a set-up) at its level or an
    enclosing one: ``teardown_method``/``teardown_class`` of its class, ``teardown_module``."""
    found: list[nodes.FunctionDef] = []
    cls = class_of(func)
    if cls is not None:
        found += [hook for name in _CLASS_TEARDOWNS if (hook := _hook(cls, name)) is not None]
    module = func.root()
    names = _MODULE_TEARDOWNS if cls is not None else ("teardown_function",) + _MODULE_TEARDOWNS
    found += [hook for name in names if (hook := _hook(module, name)) is not None]
    return [hook for hook in found if hook is not func]


def _hook(container: nodes.Module | nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
    """The function bound to ``name`` in ``container``: a ``def``, or an alias of one
    (``teardown_module = setup_function``)."""
    for statement in container.body:
        if isinstance(statement, nodes.FunctionDef) and statement.name == name:
            return statement
        if (isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Name)
                and any(getattr(t, "name", None) == name for t in statement.targets)):
            target = statement.value.name
            return next((s for s in container.body if isinstance(s, nodes.FunctionDef) and s.name == target),
                        None)
    return None
