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
from .process_state import process_state_call, state_object_change
from .calls import may_call_project_code
from .restores import is_context_local, is_reset, unrestored
from .summaries import MAX_SUMMARY_DEPTH, call_mutation, called_function, summary
from .state_guards import patched_key
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

    def _in_restoring_place(self) -> bool:
        return bool(self.restoring) or self._after_yield

    def _mark_restored(self, node: nodes.NodeNG, origin: Origin) -> None:
        self.mutations.append(Mutation("FXS020", node, "restore", origin, origin.path, True))

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
        self._record("FXS020", call, f".{func.attrname}()", Origin(target, ModuleObject(target, "process")), target)
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
        if self.depth >= MAX_SUMMARY_DEPTH or not may_call_project_code(call.func, self.context.is_project_module):
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
        return origin is not None and isinstance(origin.source, ModuleObject) and origin.source.kind != "patch"

    def _is_library_state(self, expr: nodes.NodeNG) -> bool:
        origin = self.origin_of(expr)
        source = origin.source if origin is not None else None
        if not isinstance(source, ModuleObject) or source.kind not in ("module", "import"):
            return False
        top = (source.qualified or source.name).split(".")[0]
        return not self.context.is_project_module(top) or top in sys.stdlib_module_names

    def _finalizer_method(self, call: nodes.Call) -> None:
        """``request.addfinalizer(app.overrides.clear)``: the bound method's owner is restored."""
        first = call.args[0] if call.args else None
        if isinstance(first, nodes.Attribute) and first.attrname not in _READERS:
            owner = self.origin_of(first.expr)
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


def is_patching(call: nodes.Call) -> bool:
    """``monkeypatch.setitem(...)``, ``mock.patch.dict(...)``, ``mocker.patch.object(...)``."""
    text = dotted(call.func) or ""
    if any(part in _PATCHERS for part in text.split(".")):
        return True
    name = qualified_name(call.func) or ""
    return name.startswith(("unittest.mock.", "mock."))


def mutations_in(func: nodes.FunctionDef, roots: dict[str, Origin], context: Context,
                 teardown: nodes.FunctionDef | None = None) -> list[Mutation]:
    """Every module-state mutation in ``func``, restoring ones included; a teardown restores."""
    finder = ModuleStateFinder(context)
    finder.find(func, roots)
    found = list(finder.mutations) + _patched_by_decorators(func, finder)
    if teardown is not None:
        found += restores_in(teardown, context)
    return [m for m in found if m.restoring or not (is_reset(m) or is_context_local(m))]


def handed_out_module_state(fixture: nodes.FunctionDef, context: Context) -> Origin | None:
    """The module-level object a fixture returns or yields as it is (``return PARAMETERS``)."""
    finder = ModuleStateFinder(context)
    finder.find(fixture, module_state_roots(fixture, class_of(fixture)))
    return next((o for o in finder.handouts if isinstance(o.source, ModuleObject) and not o.fresh), None)


def restores_in(teardown: nodes.FunctionDef, context: Context) -> list[Mutation]:
    """What a teardown puts back: every write, clear or patch in it restores its target."""
    undo = ModuleStateFinder(context)
    undo.restoring = 1
    undo.find(teardown, module_state_roots(teardown, class_of(teardown)))
    return list(undo.mutations)


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


_TEARDOWNS_AFTER_A_TEST = {
    "class": ("teardown_method", "tearDown", "teardown", "teardown_class", "tearDownClass"),
    "module": ("teardown_function", "teardown", "teardown_module", "tearDownModule"),
}


def teardowns_after(test: nodes.FunctionDef) -> list[nodes.FunctionDef]:
    """The xunit teardowns that run after a test: its class's and its module's."""
    cls = class_of(test)
    levels = [("class", cls)] if cls is not None else []
    levels.append(("module", test.root()))
    found: list[nodes.FunctionDef] = []
    for level, container in levels:
        names = _TEARDOWNS_AFTER_A_TEST[level] if level == "class" or cls is None else \
            ("teardown_module", "tearDownModule")
        found += [s for s in container.body if isinstance(s, nodes.FunctionDef) and s.name in names]
    return found


def matching_teardown(setup: nodes.FunctionDef) -> nodes.FunctionDef | None:
    name = XUNIT_TEARDOWNS.get(setup.name)
    container = setup.parent
    if name is None or not isinstance(container, (nodes.Module, nodes.ClassDef)):
        return None
    for statement in container.body:
        if isinstance(statement, nodes.FunctionDef) and statement.name == name:
            return statement
    return None
