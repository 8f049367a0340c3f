"""FXS020 and FXS022: tests, fixtures and xunit set-ups that change module-level state.

Module-level state is what outlives a test: imported modules and their attributes
(``os.environ``, ``sys.path``), classes, module-level objects of this or an imported module,
and module globals rebound through ``global``. The walk is MutationFinder's, seeded with the
free names of a function that resolve (by ``lookup``, no inference) to such objects.
"""

from __future__ import annotations

import sys
from dataclasses import replace

from astroid import nodes

from .events import Context, ModuleObject, Mutation, Origin
from .names import dotted, qualified_name
from . import inference
from .calls import may_call_project_code
from .names import assigned_value_and_path, subscript_text
from .process_state import process_state_call, state_object_change
from .restores import UNDO, as_undo, is_context_local, is_fresh_value, is_removal, is_reset, unrestored
from .returned_state import entry_instances, own_return_count, returned_part
from .summaries import (
    MAX_SUMMARY_DEPTH, bound_arguments, call_mutation, called_function, function_named_by, is_bound_call,
    summary,
)
from .state_guards import patched_key
from .calls import MAX_CALL_DEPTH
from .walk import MutationFinder
from .snapshots import SnapshotTracking
from .counters import reads_attribute
from .restore_syntax import (
    builds_a_value, element, inside_restoring_block, is_initial_constant, is_patching, loop_patch,
    never_called, overlapping, patcher_context, pick,
)
from .modules import names_a_module
from .local_imports import import_changes
from .evictions import evicted_prefixes, eviction_action, evicts_modules_loaded_before, is_eviction_change
from .not_leaks import (
    fresh_name_on_own_module, own_module_entry, rejected_in_raises, removes_what_the_test_added,
    fills_an_empty_slot,
)
from .state_roots import (
    class_level_state, class_of, declared_globals, defined_at_module_level, module_state_roots,
)
from .teardowns import PER_TEST_TEARDOWNS, matching_setup

# Methods that only read: a call of one in a teardown does not restore anything.
_READERS = frozenset({"get", "copy", "keys", "values", "items", "index", "count", "__getitem__",
                      "__contains__", "startswith", "endswith"})


_FINALIZER_REGISTRARS = frozenset({"addfinalizer", "addCleanup", "addClassCleanup", "addModuleCleanup"})


class ModuleStateFinder(MutationFinder, SnapshotTracking):
    """MutationFinder with module-state rules: globals, patchers, lenient restoring calls."""

    def __init__(self, context: Context, depth: int = 0) -> None:
        super().__init__(context, depth)
        self._global_names: dict[nodes.NodeNG, set[str]] = {}
        self._saved: dict[str, object] = {}  # names bound to what a target held (or a copy)
        # Restores that hold only inside a ``with`` block: (the block, the key it puts back).
        self.scoped: list[tuple[nodes.With, str]] = []
        self._loop_patches: list[tuple[str, str]] = []  # (container, iterable) patched key by key
        self._init_snapshots()

    # ------------------------------------------------------------------ undo in the same function
    def _bind(self, target: nodes.NodeNG, value: nodes.NodeNG) -> None:
        super()._bind(target, value)
        self._note_snapshot_binding(target, value)
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
        elif is_removal(action) and key.startswith("sys.modules[") and self.depth == 0:
            self._note_eviction(node)

    def _note_eviction(self, node: nodes.NodeNG) -> None:
        """Evicting a prefix of ``sys.modules`` that holds modules imported before the test is a
        change, in a teardown too (not a restore)."""
        prefixes = evicted_prefixes(node)
        if prefixes and evicts_modules_loaded_before(prefixes, node.root()):
            changed = replace(self.mutations[-1], restoring=False, action=eviction_action(prefixes))
            self.mutations[-1] = changed

    def _is_undo(self, node: nodes.NodeNG, action: str, key: str, earlier: list[Mutation]) -> bool:
        """A removal of what this function added, a saved value or the initial constant put back."""
        if is_removal(action):
            return any(overlapping(m.key, key) and not is_removal(m.action) for m in earlier)
        assigned = node.parent if isinstance(node, (nodes.AssignAttr, nodes.AssignName)) else None
        if action in (".clear()", ".cache_clear()") or (
                isinstance(assigned, nodes.Assign) and is_fresh_value(assigned.value)):
            return any(overlapping(m.key, key) for m in earlier)  # ``app.overrides = {}`` at the end
        if (isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute) and node.args
                and node.func.attrname in ("update", "extend")):
            return self._read_keys(node.args[0]) == key  # ``X.clear(); X.update(saved)``
        value, path = assigned_value_and_path(node)
        if value is None:
            return False
        if path and isinstance(value, nodes.Name):
            read = pick(self._saved.get(value.name), path)
        else:
            read = self._read_keys(element(value, path))
        if read == key:
            return True
        return isinstance(value, nodes.Const) and is_initial_constant(node, value)

    def _in_restoring_place(self) -> bool:
        return bool(self.restoring) or self._after_yield

    def _mark_restored(self, node: nodes.NodeNG, origin: Origin) -> None:
        loop = loop_patch(node, origin.path) if isinstance(node, nodes.Call) else None
        if loop is not None:
            self._loop_patches.append(loop)
        block = patcher_context(node) if isinstance(node, nodes.Call) else None
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
        if isinstance(node, (nodes.Import, nodes.ImportFrom)) and self.depth == 0 \
                and not isinstance(node.scope(), nodes.Module):
            self.mutations.extend(import_changes(node, self.context, self._import_time_changes))
        if isinstance(node, (nodes.With, nodes.AsyncWith)) and self.depth < MAX_CALL_DEPTH:
            for expr, _var in node.items:
                for key in self._context_restores(expr):
                    if self._holds_the_yield(node):
                        origin = Origin(key, ModuleObject(key, "patch"))
                        self.mutations.append(Mutation("FXS020", expr, "restore", origin, key, True))
                    else:
                        self.scoped.append((node, key))
        super()._visit(node)

    def _import_time_changes(self, name: str, path: str) -> list[Mutation]:
        from .top_level import import_time_changes  # the top-level walk is this walk's subclass
        return import_time_changes(name, path, self.context)

    def origin_of(self, node: nodes.NodeNG) -> Origin | None:
        origin = super().origin_of(node)
        if origin is not None and isinstance(node, nodes.Subscript) and builds_a_value(node, origin):
            return None  # ``np.c_[a, b]``: a new array, not a part of numpy
        return origin

    def _visit_nested_function(self, func: nodes.FunctionDef | nodes.Lambda) -> None:
        if isinstance(func, nodes.FunctionDef) and not func.decorators and never_called(func):
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
        if self._calls_a_mock(call):
            return  # ``os.chdir(p)`` inside ``with mock.patch("os.chdir"):``
        if self._note_snapshot_call(call) or self._process_state(call) or self._project_call(call):
            return
        if isinstance(func, nodes.Attribute) and func.attrname in _FINALIZER_REGISTRARS:
            self._finalizer_method(call)
        if isinstance(func, nodes.Attribute):
            receiver = self.origin_of(func.expr)
            if receiver is not None and self._is_module_function(func):
                self._helper_call(call)  # ``os.remove(p)`` in a finally restores nothing of ``os``
                return
            if receiver is not None and self._in_restoring_place() and func.attrname not in _READERS:
                self._mark_restored(call, receiver)
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
        if func is None or not defined_at_module_level(func):
            return False  # a nested function is walked where it is defined; a local class is the test's
        arguments = bound_arguments(func, list(call.args), list(call.keywords or ()),
                                    is_bound_call(call.func, func))
        return self._calls_project_function(call, func, arguments, self._in_restoring_place())

    def _calls_project_function(self, node: nodes.NodeNG, func: nodes.FunctionDef,
                                arguments: dict[str, nodes.NodeNG], restoring: bool) -> bool:
        """Record what calling ``func`` changes, at ``node``; a removal through it undoes an
        earlier addition of the same argument to the same state (``unregister("a")``)."""
        changes, complete = summary(func, self.depth, self._summarize, self.context)
        self.cut_short = self.cut_short or not complete
        for change in changes:
            earlier = [m for m in self.mutations if not m.restoring]
            mutation = call_mutation(node, func, change, restoring, arguments)
            if not restoring and _undoes_an_addition(mutation, earlier):
                mutation = as_undo(mutation)
            self.mutations.append(mutation)
        return bool(changes)

    def _finalizer_function(self, call: nodes.Call, first: nodes.NodeNG,
                            arguments: list[nodes.NodeNG]) -> bool:
        """``addCleanup(unregister, "a")``, ``addfinalizer(partial(unregister, "a"))``: the
        project function runs after the test with those arguments."""
        if self.depth >= MAX_SUMMARY_DEPTH or not isinstance(first, (nodes.Name, nodes.Attribute)) \
                or not may_call_project_code(first, self.context.is_project_module):
            return False
        func = function_named_by(first, self.context)
        if func is None or not defined_at_module_level(func):
            return False
        keywords = [kw for kw in call.keywords or () if kw.arg]
        bound = bound_arguments(func, arguments, keywords, is_bound_call(first, func))
        self._calls_project_function(call, func, bound, True)
        return True

    def _origin_of_call(self, call: nodes.Call) -> Origin | None:
        """Also what a project function hands out of its module's or class's state."""
        found = super()._origin_of_call(call)
        if found is not None or self.depth >= MAX_SUMMARY_DEPTH or not may_call_project_code(
                call.func, self.context.is_project_module):
            return found
        func = called_function(call, self.context)
        if func is None or func.name == "__init__" or not defined_at_module_level(func):
            return None  # a constructor makes a new object
        return returned_part(func, self._handouts)

    def _handouts(self, func: nodes.FunctionDef) -> tuple[list[Origin], int]:
        finder = ModuleStateFinder(self.context, self.depth + 1)
        self.context.active.add(func)
        try:
            finder.find(func, self._summary_roots(func))
        finally:
            self.context.active.discard(func)
        return finder.handouts, own_return_count(func)

    def _entry_values(self, expr: nodes.NodeNG) -> list[object]:
        return entry_instances(self.origin_of(expr))

    def _summarize(self, func: nodes.FunctionDef, depth: int) -> tuple[list[Mutation], bool]:
        finder = ModuleStateFinder(self.context, depth)
        finder.find(func, self._summary_roots(func))
        kept = [m for m in finder.mutations
                if m.restoring or not (is_reset(m) or is_context_local(m) or own_module_entry(m, func)
                                       or fills_an_empty_slot(m))]
        return unrestored(kept), not finder.cut_short

    def _summary_roots(self, func: nodes.FunctionDef) -> dict[str, Origin]:
        """What a project function can change: its module's names, its class (by name, or as
        ``cls``) and, in a method, the class-level objects ``self`` reaches."""
        roots = module_state_roots(func, class_of(func))
        owner = func.parent if isinstance(func.parent, nodes.ClassDef) else None
        if func.type == "staticmethod" and owner is not None:  # its class, written by name
            roots[owner.name] = Origin(owner.name, ModuleObject(owner.name, "class"))
        if func.type == "classmethod" and func.args.args and owner is not None:
            roots[func.args.args[0].name] = Origin(owner.name, ModuleObject(owner.name, "class"))
        elif func.type == "method" and func.args.args and owner is not None:
            self_name = func.args.args[0].name  # ``self._obs.extend(...)``: the class's own list
            roots.update({f"{self_name}.{name}": origin
                          for name, origin in class_level_state(owner, self.context).items()})
        return roots

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
        if first is not None and self._finalizer_function(call, first, arguments):
            return
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
        """``os.getcwd()``, ``np.char.add(a, b)``, ``fits.append(path, data)``: a function of a module;
        calling it changes what its summary (or the process-state table) says, nothing by its name."""
        if isinstance(func.expr, nodes.Name):
            origin = self.aliases.get(func.expr.name)
            if (origin is not None and isinstance(origin.source, ModuleObject)
                    and origin.source.kind == "module" and origin.path == origin.source.name):
                return True
        return names_a_module(func.expr)

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


def _undoes_an_addition(mutation: Mutation, earlier: list[Mutation]) -> bool:
    """A removal (through a call) of what an earlier change added: the same state, and the
    same argument when both name one."""
    if not is_removal(mutation.site_action or mutation.action):
        return False
    return any(overlapping(m.key, mutation.key) and not is_removal(m.site_action or m.action)
               and (not m.argument or not mutation.argument or m.argument == mutation.argument)
               for m in earlier)


# Library context managers that put a target back when their block ends.
_LIBRARY_RESTORERS: dict[str, tuple[str, ...]] = {
    "contextlib.redirect_stdout": ("sys.stdout",),
    "contextlib.redirect_stderr": ("sys.stderr",),
    "warnings.catch_warnings": ("warnings.filters", "warnings.showwarning"),
}


def mutations_in(func: nodes.FunctionDef, roots: dict[str, Origin], context: Context,
                 teardown: nodes.FunctionDef | None = None,
                 enclosing: list[nodes.FunctionDef] | None = None) -> list[Mutation]:
    """Every module-state mutation in ``func``, restoring ones included; its matching teardown
    restores, and so does a teardown of an enclosing level that writes the same target."""
    finder = ModuleStateFinder(context)
    finder.find(func, roots)
    found = [m for m in finder.mutations if m.restoring or not (
        inside_restoring_block(m, finder.scoped) or rejected_in_raises(m) or fills_an_empty_slot(m))]
    found += _patched_by_decorators(func, finder)
    for down in ([teardown] if teardown is not None else []) + (enclosing or []):
        undo = ModuleStateFinder(context)
        undo.restoring = 1
        undo.snapshots = snapshots_taken_by(matching_setup(down), context)
        undo.find(down, module_state_roots(down, class_of(down)))
        # Any call on a container counts in the matching teardown; an enclosing level must write
        # the same target (``REGISTRY.pop("module")`` restores nothing of ``REGISTRY["method"]``).
        per_test = down is teardown or down.name in PER_TEST_TEARDOWNS
        found += [m for m in undo.mutations if m.restoring and (per_test or m.action != "restore")]
    return [m for m in found
            if m.restoring or m.code == UNDO or not (
                is_reset(m) or is_context_local(m) or own_module_entry(m, func)
                or removes_what_the_test_added(m, func, context) or _unobserved_counter(m, func)
                or fresh_name_on_own_module(m, func))]


def _unobserved_counter(mutation: Mutation, func: nodes.FunctionDef) -> bool:
    """A creation-order counter a called constructor bumps, which the test's module never reads."""
    return bool(mutation.counter) and not reads_attribute(func.root(), mutation.counter)


def snapshots_taken_by(setup: nodes.FunctionDef | None, context: Context) -> dict[str, str]:
    """The copies of whole containers a set-up keeps for its teardown to put back."""
    if setup is None:
        return {}
    finder = ModuleStateFinder(context)
    finder.find(setup, module_state_roots(setup, class_of(setup)))
    return finder.snapshots


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


def changes_in_teardown(teardown: nodes.FunctionDef, context: Context) -> list[Mutation]:
    """What an xunit teardown changes rather than puts back (every other write of one counts
    as its set-up's or tests' undo): an eviction of modules imported before the tests."""
    finder = ModuleStateFinder(context)
    finder.restoring = 1
    finder.find(teardown, module_state_roots(teardown, class_of(teardown)))
    return [m for m in finder.mutations if is_eviction_change(m)]
