"""Whether a function can change module-level state, read from the syntax alone.

This is the gate before any astroid work on FXS020/FXS022: it must answer yes wherever the
analysis could find a change (it may answer yes more often), and no for the great majority of
tests, which only read module-level names. A name is module-level when the module (or an
``import`` in the function) binds it and the function does not; a local bound from such a
name (``env = os.environ``) carries it.
"""

from __future__ import annotations

import ast
import builtins
import sys
from collections.abc import Callable, Iterator, Mapping

from ..project import PROJECT
from ..vocabulary import (
    ARGUMENT_MUTATORS, BUILTIN_CONTAINERS, CONTAINER_MAKERS, CONTAINER_MUTATORS, COPY_METHODS,
    PER_INSTANCE_SETUPS, PROCESS_CHANGERS, PROCESS_CONTEXTS, READING_METHODS, SHALLOW_COPY_FUNCTIONS,
    STANDARD_STREAMS,
    STATE_OBJECTS,
)
from .syntax import FunctionNode, dotted, module_assignments, qualified

_ARGUMENT_BUILTINS = frozenset({"setattr", "delattr"})
_CODE_RUNNERS = frozenset({"exec", "eval"})
_MAX_ALIAS_ROUNDS = 4
_MAX_DEFINITION_DEPTH = 4
_BUILTINS = frozenset(vars(builtins))
_STORES = (ast.Store, ast.Del)
# What changes a process-wide object (a logger, the decimal context, the event loop, a stream).
_STATE_MEMBERS = frozenset().union(*STATE_OBJECTS.values()) | {"close"}
_CLOSABLE_STATE = STANDARD_STREAMS
_PART_ACCESSORS = frozenset({"values", "items", "keys", "__getitem__"})
# Hand out a part of a built-in container; of anything else (a client's ``get``) a new value.
_CONTAINER_ACCESSORS = frozenset({"get", "setdefault", "pop", "popitem"})
# Calls through these undo what they change (pytest's monkeypatch, pytest-mock, mock.patch).
_PATCHERS = frozenset({"monkeypatch", "mocker", "class_mocker", "module_mocker", "package_mocker",
                       "session_mocker", "patch", "mock"})


def root_name(expr: ast.AST) -> str | None:
    """The name ``a.b().c[0]`` starts from."""
    while True:
        if isinstance(expr, (ast.Attribute, ast.Subscript, ast.Starred, ast.Await, ast.NamedExpr)):
            expr = expr.value
        elif isinstance(expr, ast.Call):
            expr = expr.func
        else:
            return expr.id if isinstance(expr, ast.Name) else None


def _value_roots(expr: ast.AST, containers: frozenset[str] = frozenset()) -> Iterator[str]:
    """The names whose object (or a part of it) ``expr`` evaluates to, without a deep copy.

    A call hands out a part of its receiver only for the accessors the analysis follows
    (``d.values()``, ``d.get(k)``, ``getattr(x, name)``) and for shallow copies, which share
    what they hold (``x.copy()``, ``dict(x)``, ``copy.copy(x)``, ``{**x}``); any other call makes
    a new value.
    """
    if isinstance(expr, ast.IfExp):
        yield from _value_roots(expr.body, containers)
        yield from _value_roots(expr.orelse, containers)
    elif isinstance(expr, ast.BoolOp):
        for value in expr.values:
            yield from _value_roots(value, containers)
    elif isinstance(expr, (ast.Tuple, ast.List)):  # ``x, y = iris.data, iris.target``
        for element in expr.elts:
            yield from _value_roots(element, containers)
    elif isinstance(expr, (ast.Attribute, ast.Subscript, ast.Starred, ast.Await, ast.NamedExpr)):
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            yield f"{expr.value.id}.{expr.attr}"  # ``self.items``: a class attribute, maybe
        yield from _value_roots(expr.value, containers)
    elif isinstance(expr, ast.Dict):  # ``{**x, "k": v}``
        for key, value in zip(expr.keys, expr.values):
            if key is None:
                yield from _value_roots(value, containers)
    elif isinstance(expr, ast.Call):
        func = expr.func
        if _is_shallow_copy(expr):
            yield from _value_roots(func.value if isinstance(func, ast.Attribute) and not expr.args
                                    else expr.args[0], containers)
        elif isinstance(func, ast.Attribute) and (
            func.attr in _PART_ACCESSORS
            or func.attr in _CONTAINER_ACCESSORS and (
                root_name(func.value) in containers or dotted_is_environ(func))
        ):
            yield from _value_roots(func.value, containers)
        elif isinstance(func, ast.Name) and func.id in ("getattr", "vars") and expr.args:
            yield from _value_roots(expr.args[0], containers)
    elif isinstance(expr, ast.Name):
        yield expr.id


def _is_shallow_copy(call: ast.Call) -> bool:
    """``x.copy()``, ``dict(x)``, ``list(x)``, ``copy.copy(x)``: what ``x`` holds is shared."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in COPY_METHODS and not call.args:
        return True
    if not call.args:
        return False
    name = func.id if isinstance(func, ast.Name) else (
        f"{func.value.id}.{func.attr}" if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
        else "")
    return name in SHALLOW_COPY_FUNCTIONS or name == "copy"  # ``from copy import copy``


def dotted_is_environ(func: ast.Attribute) -> bool:
    value = func.value
    return isinstance(value, ast.Attribute) and value.attr == "environ"


def _reaches(expr: ast.AST, names: set[str], containers: frozenset[str] = frozenset()) -> bool:
    return any(root in names for root in _value_roots(expr, containers))


def _bound_names(target: ast.AST) -> Iterator[str]:
    """The names a binding target binds (not those read by ``x[i] = ...`` or ``x.a = ...``)."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _bound_names(element)
    elif isinstance(target, ast.Starred):
        yield from _bound_names(target.value)


class ModuleLevel:
    """What the checked module binds at its top level, and where each binding comes from."""

    def __init__(self, tree: ast.Module, imports: Mapping[str, str]) -> None:
        self.imports = imports
        self.assigned = module_assignments(tree.body)
        self.classes = {s.name for s in tree.body if isinstance(s, ast.ClassDef)}
        self.functions = {s.name: s for s in tree.body
                          if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.names = set(imports) | set(self.assigned) | self.classes
        self.containers = frozenset(name for name, value in self.assigned.items() if _is_container(value))
        # Whether a project function (by qualified name) changes state when called; set by the
        # file model, which can read the project's modules.
        self.is_state_writer: Callable[[str], bool] = lambda name: False
        # Whether a project function returns a part of module- or class-level state (a registry
        # entry), not a new value; set by the file model too.
        self.is_state_returner: Callable[[str], bool] = lambda name: False
        self._local_writers: dict[str, bool] = {}
        self.modules = {a.asname or a.name.split(".")[0] for s in tree.body if isinstance(s, ast.Import)
                        for a in s.names}
        # ``from app.state import *``: any free name may be one of that module's objects.
        self.star_imports = any(isinstance(s, ast.ImportFrom) and any(a.name == "*" for a in s.names)
                                for s in tree.body)

    def is_local_writer(self, name: str) -> bool:
        """A function of this module that changes module-level state when called."""
        if name not in self._local_writers:
            self._local_writers[name] = False  # a function calling itself stops here
            node = self.functions.get(name)
            self._local_writers[name] = node is not None and writes_module_state(
                FunctionFacts(node), self, frozenset())
        return self._local_writers[name]

    def origin(self, name: str, depth: int = 0) -> str | None:
        """The dotted name a module-level name comes from (through ``x = lib.make()``), else None."""
        if name in self.imports:
            return self.imports[name]
        value = self.assigned.get(name)
        if value is None or depth >= _MAX_DEFINITION_DEPTH:
            return None
        root = root_name(value)
        return self.origin(root, depth + 1) if root is not None else None

    def is_library(self, name: str) -> bool:
        """``name`` comes from the standard library or an installed package, not the project."""
        origin = self.origin(name)
        if origin is None:
            return name in _BUILTINS and name not in self.names and name not in self.functions
        if origin.startswith("."):
            return False
        top = origin.split(".")[0]
        return top in sys.stdlib_module_names or not PROJECT.is_project_module(top)

    def is_object(self, name: str) -> bool:
        """Bound to a value (not a module, class or function of the module)."""
        return name not in self.classes and name not in self.functions and name in self.names


def _is_container(value: ast.expr) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)):
        return True
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    return (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in CONTAINER_MAKERS


class FunctionFacts:
    """One pass over a function: the names it binds, what it calls, and the statements and calls
    that could write (the only nodes the gate looks at again)."""

    def __init__(self, func: FunctionNode) -> None:
        self.called_methods: set[str] = set()
        self.local_imports: set[str] = set()
        self.bound: set[str] = set()
        self.loaded: set[str] = set()
        self.has_global = False
        self.writes: list[ast.AST] = []  # assignments, deletions and calls
        self.entered: set[int] = set()  # ids of the calls that make the context of a ``with`` item
        self.bindings: list[tuple[ast.AST, ast.AST]] = []  # (target, value) of every binding
        for node in ast.walk(func):
            self._note(node)

    def _note(self, node: ast.AST) -> None:  # noqa: C901 - one case per node type
        if isinstance(node, ast.Name):
            (self.bound if isinstance(node.ctx, _STORES) else self.loaded).add(node.id)
        elif isinstance(node, ast.Call):
            self.writes.append(node)
            if isinstance(node.func, ast.Attribute):
                self.called_methods.add(node.func.attr)
        elif isinstance(node, ast.Assign):
            self.writes.append(node)
            self.bindings.extend((target, node.value) for target in node.targets)
        elif isinstance(node, (ast.AugAssign, ast.Delete)):
            self.writes.append(node)
        elif isinstance(node, ast.AnnAssign):
            self.writes.append(node)
            if node.value is not None:
                self.bindings.append((node.target, node.value))
        elif isinstance(node, ast.NamedExpr):
            self.bindings.append((node.target, node.value))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            self.bindings.append((node.target, node.iter))
        elif isinstance(node, ast.withitem):
            self.entered.add(id(node.context_expr))
            if node.optional_vars is not None:
                self.bindings.append((node.optional_vars, node.context_expr))
        elif isinstance(node, ast.arguments):
            self.bound.update(a.arg for a in [*node.posonlyargs, *node.args, *node.kwonlyargs, node.vararg,
                                              node.kwarg] if a is not None)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            self.local_imports.update(a.asname or a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            self.bound.add(node.name)
        elif isinstance(node, ast.Global):
            self.has_global = True


def writes_module_state(facts: FunctionFacts, level: ModuleLevel, mutating_methods: frozenset[str],
                        shared_attributes: frozenset[str] = frozenset()) -> bool:
    """``shared_attributes``: ``self.items`` and the like, a class attribute every test of the
    class shares."""
    if facts.has_global:
        return True
    roots = (level.names - facts.bound) | facts.local_imports | shared_attributes
    roots |= _instance_parts(facts, level)
    if level.star_imports:
        roots |= facts.loaded - facts.bound - _BUILTINS - set(level.functions)
    aliases = _aliases(facts.bindings, roots, level.containers)
    tainted = roots | aliases
    parts = _returned_parts(facts, level)
    roots |= parts
    if any(_instance_method_writes(n, facts, level) or _writes_returned_part(n, level, parts)
           for n in facts.writes):
        return True
    return any(_writes(n, tainted, aliases, level, mutating_methods, facts.local_imports, facts.bound)
               for n in facts.writes if not _scoped_process_context(n, facts, level))


def _scoped_process_context(node: ast.AST, facts: FunctionFacts, level: ModuleLevel) -> bool:
    """``with np.errstate(...):``: the setting holds for the block and is put back at its end."""
    return (id(node) in facts.entered and isinstance(node, ast.Call)
            and qualified(node.func, level.imports, level.assigned) in PROCESS_CONTEXTS)


def _instances(facts: FunctionFacts, level: ModuleLevel) -> dict[str, ast.Call]:
    """Names the function binds to a new instance of a project class (``h = Handler(...)``)."""
    return {target.id: value for target, value in facts.bindings
            if isinstance(target, ast.Name) and isinstance(value, ast.Call)
            and _is_project_class_call(value, level)}


def _instance_parts(facts: FunctionFacts, level: ModuleLevel) -> set[str]:
    """``h.registered`` for each attribute the function changes a part of on ``h = Handler(...)``,
    an instance of a project class: the attribute may be the class's (or a base's), one object
    every instance shares (``h.registered[k] = v``, ``h.parser.status = 400``, ``h.obs.append(x)``)."""
    instances = _instances(facts, level)
    parts: set[str] = set()
    for node in facts.writes:
        func = node.func if isinstance(node, ast.Call) else None
        targets = [func.value] if isinstance(func, ast.Attribute) and func.attr not in READING_METHODS else []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            written = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            targets = [t.value for t in written if isinstance(t, (ast.Subscript, ast.Attribute))]
        for target in targets:
            while isinstance(target, (ast.Attribute, ast.Subscript)):
                if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                        and target.value.id in instances):
                    parts.add(f"{target.value.id}.{target.attr}")
                target = target.value
    return parts


def _returned_parts(facts: FunctionFacts, level: ModuleLevel) -> set[str]:
    """Names bound to what a project function returns when that is a part of its module's or
    class's state (``reg = RegisterPool.get(name)``, a registry entry)."""
    return {target.id for target, value in facts.bindings
            if isinstance(target, ast.Name) and isinstance(value, ast.Call) and _returns_part(value, level)}


def _returns_part(call: ast.Call, level: ModuleLevel) -> bool:
    target = qualified(call.func, level.imports, level.assigned)
    return target is not None and level.is_state_returner(target)


def _writes_returned_part(node: ast.AST, level: ModuleLevel, parts: set[str]) -> bool:
    """``RegisterPool.get("a").labels["k"] = v``, ``default("t").set_value(5)`` or ``reg.set_value(1)``
    after ``reg = RegisterPool.get("a")``: a write to, or a method call on, what a state-returning
    project function hands out."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in READING_METHODS:
            return False
        chains = [node.func.value]
    elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
        written = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        chains = [t.value for t in written if isinstance(t, (ast.Attribute, ast.Subscript))]
    else:
        return False
    for expr in chains:
        while isinstance(expr, (ast.Attribute, ast.Subscript)):
            expr = expr.value
        if isinstance(expr, ast.Call) and _returns_part(expr, level) or (
                isinstance(expr, ast.Name) and expr.id in parts):
            return True
    return False


def _instance_method_writes(node: ast.AST, facts: FunctionFacts, level: ModuleLevel) -> bool:
    """``Step().step()`` or ``s = Step(); s.step()`` where the project class's method (its own or
    a base's) changes module- or class-level state."""
    func = node.func if isinstance(node, ast.Call) else None
    if not isinstance(func, ast.Attribute):
        return False
    made = func.value
    if isinstance(made, ast.Name) and made.id not in level.names:
        made = _instances(facts, level).get(made.id, made)
    if not isinstance(made, ast.Call) or not _is_project_class_call(made, level):
        return False
    cls = qualified(made.func, level.imports, level.assigned)
    return cls is not None and level.is_state_writer(f"{cls}.{func.attr}")


def _is_project_class_call(call: ast.Call, level: ModuleLevel) -> bool:
    """``Handler(...)``: a call of a capitalised name of this module or a project module."""
    root = root_name(call.func) or ""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else root
    return root in level.names and not level.is_library(root) and name[:1].isupper()


def _aliases(bindings: list[tuple[ast.AST, ast.AST]], roots: set[str],
             containers: frozenset[str]) -> set[str]:
    aliases: set[str] = set()
    for _ in range(_MAX_ALIAS_ROUNDS):
        known = roots | aliases
        grown = {name for target, value in bindings if _reaches(value, known, containers)
                 for name in _bound_names(target)}
        if grown <= aliases:
            break
        aliases |= grown
    return aliases


def _writes(node: ast.AST, tainted: set[str], aliases: set[str], level: ModuleLevel,
            mutating_methods: frozenset[str], local_modules: set[str], bound: set[str]) -> bool:
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, (ast.Attribute, ast.Subscript)) and isinstance(part.ctx, _STORES) \
                        and _reaches(part.value, tainted, level.containers):
                    return True
                if (isinstance(part, ast.Attribute) and isinstance(part.ctx, ast.Store)
                        and part.attr in _STATE_MEMBERS):
                    return True
        return (isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name)
                and node.target.id in aliases)
    if isinstance(node, ast.Call):
        return _call_writes(node, tainted, aliases, level, mutating_methods, local_modules, bound)
    return False


def _call_writes(call: ast.Call, tainted: set[str], aliases: set[str], level: ModuleLevel,
                 mutating_methods: frozenset[str], local_modules: set[str], bound: set[str]) -> bool:
    func = call.func
    if qualified(func, level.imports, level.assigned) in PROCESS_CHANGERS:
        return True
    if isinstance(func, ast.Attribute) and func.attr in _STATE_MEMBERS and (
            func.attr != "close" or _state_object(func.value, level) in _CLOSABLE_STATE):
        return True
    if isinstance(func, ast.Attribute) and _method_may_write(func, tainted, aliases, level, mutating_methods,
                                                             local_modules):
        return True
    if isinstance(func, ast.Name) and func.id not in bound and func.id in level.functions:
        if level.is_local_writer(func.id):
            return True
    elif (root_name(func) or "") not in bound:
        target = qualified(func, level.imports, level.assigned)
        if target is not None and level.is_state_writer(target):
            return True
    if _runs_code_into_a_namespace(call, level):
        return True  # which namespace, and whether it is state, the full walk decides
    arguments = [*call.args, *(kw.value for kw in call.keywords)]
    if not any(_reaches(arg, tainted, level.containers) for arg in arguments):
        return False
    if isinstance(func, ast.Name) and func.id in _ARGUMENT_BUILTINS:
        return True
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = level.imports.get(func.value.id, func.value.id)
        if f"{owner}.{func.attr}" in ARGUMENT_MUTATORS:
            return True
        if func.value.id in BUILTIN_CONTAINERS and func.attr in CONTAINER_MUTATORS:
            return True
    if isinstance(func, ast.Name) and level.imports.get(func.id) in ARGUMENT_MUTATORS:
        return True
    callee = root_name(func)
    if callee is None or callee in _PATCHERS or callee in _BUILTINS and callee not in level.names:
        return False
    if callee in bound and callee not in aliases:
        return False  # a method of a parameter or local: nothing to follow it into without a value
    helper = level.functions.get(callee) if isinstance(func, ast.Name) else None
    if helper is not None:
        return _changes_a_parameter(helper)
    return not level.is_library(callee)


def _state_object(expr: ast.expr, level: ModuleLevel) -> str | None:
    """``sys.stdout``, or the function a process-wide object comes from (``asyncio.get_event_loop``)."""
    if isinstance(expr, ast.Call):
        return qualified(expr.func, level.imports, level.assigned)
    if isinstance(expr, ast.Name):
        return level.origin(expr.id)
    return qualified(expr, level.imports, level.assigned)


def _method_may_write(func: ast.Attribute, tainted: set[str], aliases: set[str], level: ModuleLevel,
                      mutating_methods: frozenset[str], local_modules: set[str]) -> bool:
    if not _reaches(func.value, tainted, level.containers) or func.attr in READING_METHODS \
            or func.attr.startswith("assert_"):
        return False
    receiver = root_name(func.value)
    modules = level.modules | local_modules
    if isinstance(func.value, ast.Name) and receiver in modules and receiver not in aliases:
        return False  # ``os.getcwd()``: a function of a module changes no object of it
    if func.attr in CONTAINER_MUTATORS or func.attr in mutating_methods:
        return True
    # Any other method changes state only if it is a project class's: an object, not a library's.
    if receiver in aliases:
        return True
    return receiver is not None and not level.is_library(receiver) and (
        level.is_object(receiver) or receiver in level.imports)


def _changes_a_parameter(helper: FunctionNode) -> bool:
    """A helper of the module that writes to, calls a method on, or passes on a parameter."""
    params = {a.arg for a in [*helper.args.posonlyargs, *helper.args.args, *helper.args.kwonlyargs]}
    for node in ast.walk(helper):
        if isinstance(node, (ast.Attribute, ast.Subscript)) and isinstance(node.ctx, _STORES) \
                and root_name(node) in params:
            return True
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and root_name(node.func.value) in params \
                    and node.func.attr not in READING_METHODS:
                return True
            if any(root_name(arg) in params for arg in [*node.args, *(kw.value for kw in node.keywords)]):
                return True
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id in params:
            return True
    return False


def class_level_objects(cls: ast.ClassDef) -> set[str]:
    """Names the class body binds to a value (any object, not a method), that ``__init__`` and
    the per-test set-ups do not give each instance: one object every instance reaches."""
    return _without_per_instance(cls, {name for name, value in module_assignments(cls.body).items()
                                       if not isinstance(value, ast.Lambda)})


def shared_class_attributes(cls: ast.ClassDef) -> set[str]:
    """Class attributes bound in the class body to a mutable container, and not given each
    test a fresh value of its own in ``setUp``/``setup_method``."""
    return _without_per_instance(cls, {name for name, value in module_assignments(cls.body).items()
                                       if _is_container(value)})


def _without_per_instance(cls: ast.ClassDef, names: set[str]) -> set[str]:
    for statement in cls.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and (
                statement.name in PER_INSTANCE_SETUPS):
            names -= {t.attr for n in ast.walk(statement) if isinstance(n, (ast.Assign, ast.AnnAssign))
                      for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                      if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)}
    return names


def state_writers(tree: ast.Module, imports: Mapping[str, str],
                  other_writer: Callable[[str], bool] = lambda name: False,
                  inherited_attributes: Callable[[str], frozenset[str]] = lambda base: frozenset()
                  ) -> frozenset[str]:
    """The functions of a module that change module- or class-level state when called, by name
    (``configure``, ``Registry.register``; ``Registry`` when its ``__init__`` does), following
    the module's own calls between them, ``super()`` and ``Base.method(self)`` calls into its
    classes' bases, and (``other_writer``, by qualified name) calls into other project modules."""
    level = ModuleLevel(tree, imports)
    level.is_state_writer = other_writer
    bases = {cls.name: [b for b in (qualified(base, imports) or dotted(base) for base in cls.bases) if b]
             for cls in tree.body if isinstance(cls, ast.ClassDef)}
    classes = {cls.name: cls for cls in tree.body if isinstance(cls, ast.ClassDef)}
    functions: dict[str, tuple[FunctionNode, frozenset[str]]] = {
        name: (node, frozenset()) for name, node in level.functions.items()}
    for cls in classes.values():
        attributes = _through_bases(cls.name, classes, bases, inherited_attributes, 0)
        for method in (s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))):
            first = method.args.args[0].arg if method.args.args else ""
            is_classmethod = any(isinstance(d, ast.Name) and d.id == "classmethod"
                                 for d in method.decorator_list)
            shared = {first} if is_classmethod and first else {f"{first}.{a}" for a in attributes if first}
            functions[f"{cls.name}.{method.name}"] = (method, frozenset(shared))
    facts = {name: FunctionFacts(node) for name, (node, _shared) in functions.items()}
    writers = {name for name, (node, shared) in functions.items()
               if writes_module_state(facts[name], level, frozenset(), shared)}
    for _ in range(_MAX_ALIAS_ROUNDS):
        grown = {name for name in functions if name not in writers and (
            _calls_any(facts[name], name, writers)
            or _calls_base_writer(facts[name], bases.get(name.partition(".")[0], []), writers, other_writer))}
        if not grown:
            break
        writers |= grown
    writers |= {name.partition(".")[0] for name in writers if name.endswith(".__init__")}
    return frozenset(writers)


def _through_bases(name: str, classes: Mapping[str, ast.ClassDef], bases: Mapping[str, list[str]],
                   inherited: Callable[[str], frozenset[str]], depth: int) -> set[str]:
    """The class-level objects of a class of this module and of its bases (this module's by
    name, another module's through ``inherited``)."""
    found = class_level_objects(classes[name])
    for base in bases.get(name, []):
        if base in classes and depth < _MAX_DEFINITION_DEPTH:
            found |= _through_bases(base, classes, bases, inherited, depth + 1)
        elif "." in base:
            found |= inherited(base)
    return found


def _calls_base_writer(facts: FunctionFacts, bases: list[str], writers: set[str],
                       other_writer: Callable[[str], bool]) -> bool:
    """A method calling ``super().m(...)`` or ``Base.m(self, ...)`` where a base's ``m`` changes
    state (a base of this module by name, another module's by its qualified name)."""
    if not bases:
        return False
    for node in facts.writes:
        func = node.func if isinstance(node, ast.Call) else None
        if not isinstance(func, ast.Attribute):
            continue
        receiver = func.value
        is_super = (isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name)
                    and receiver.func.id == "super")
        named = dotted(receiver)
        for base in bases:
            if not is_super and named not in (base, base.rpartition(".")[2]):
                continue
            if f"{base}.{func.attr}" in writers or ("." in base and other_writer(f"{base}.{func.attr}")):
                return True
    return False


def _calls_any(facts: FunctionFacts, name: str, writers: set[str]) -> bool:
    owner = name.partition(".")[0] if "." in name else ""
    for node in facts.writes:
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in writers:
            return True
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and owner and (
                f"{owner}.{func.attr}" in writers and func.value.id in ("self", "cls", owner)):
            return True
    return False


_PART_GETTERS = frozenset({"get", "setdefault", "__getitem__"})


def state_returners(tree: ast.Module, imports: Mapping[str, str]) -> frozenset[str]:
    """The functions and methods of a module (``default``, ``Pool.get``) every ``return`` of which
    hands out a part of module- or class-level state as it is (``return Pool._registers[name]``,
    ``return cls._items.get(key)``), not a new value or a copy."""
    level = ModuleLevel(tree, imports)
    found: set[str] = set()
    candidates: list[tuple[str, FunctionNode, set[str]]] = [
        (name, node, set()) for name, node in level.functions.items()]
    for cls in (s for s in tree.body if isinstance(s, ast.ClassDef)):
        shared = class_level_objects(cls)
        for method in (s for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))):
            first = method.args.args[0].arg if method.args.args else ""
            decorators = {d.id for d in method.decorator_list if isinstance(d, ast.Name)}
            own = {first} if "classmethod" in decorators and first else set()
            if "staticmethod" not in decorators and "classmethod" not in decorators and first:
                own = {f"{first}.{attribute}" for attribute in shared}
            candidates.append((f"{cls.name}.{method.name}", method, own))
    for name, node, own in candidates:
        returns = [r.value for r in _own_returns(node)]
        facts = FunctionFacts(node)
        roots = {n for n in level.names - facts.bound if n not in level.modules} | own
        if returns and all(r is not None and _is_state_part(r, roots, level) for r in returns):
            found.add(name)
    return frozenset(found)


def _own_returns(func: FunctionNode) -> Iterator[ast.Return]:
    """The ``return`` statements of ``func`` itself, not of functions nested in it."""
    pending: list[ast.AST] = list(func.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Return):
            yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            pending.extend(ast.iter_child_nodes(node))


def _is_state_part(value: ast.expr, roots: set[str], level: ModuleLevel) -> bool:
    """``Pool._registers[name]``, ``cls._items.get(k)``, ``_DEFAULTS[name]``: a part of a root,
    reached by attributes, items and the getters of a container (a module-level container
    itself too); not a call that makes a value, not a class, function or module."""
    steps = 0
    expr = value
    while True:
        if isinstance(expr, (ast.Attribute, ast.Subscript)):
            if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and (
                    f"{expr.value.id}.{expr.attr}" in roots):
                return True  # ``self._obs``: a class-level object every instance shares
            expr, steps = expr.value, steps + 1
        elif (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
              and expr.func.attr in _PART_GETTERS):
            expr, steps = expr.func.value, steps + 1
        else:
            break
    if not isinstance(expr, ast.Name) or expr.id not in roots:
        return False
    return steps > 0 or expr.id in level.containers


def _runs_code_into_a_namespace(call: ast.Call, level: ModuleLevel) -> bool:
    """``exec(code, NS)``, ``eval(expr, NS, LOCALS)``, ``exec(code, globals=NS)``: the builtin
    given a namespace (which it writes: names the code binds, ``__builtins__``)."""
    func = call.func
    if not isinstance(func, ast.Name) or func.id not in _CODE_RUNNERS or func.id in level.names:
        return False
    return len(call.args) >= 2 or any(kw.arg in ("globals", "locals") for kw in call.keywords)
