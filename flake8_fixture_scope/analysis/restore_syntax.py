"""The syntax of restoring: what a ``with`` block puts back on exit, the values a write puts
back (parts of a saved tuple, a module's initial constant), keys patched in a loop, and writes
that build a new value rather than change state."""

from __future__ import annotations

import sys

from astroid import bases, nodes

from .events import ModuleObject, Mutation, Origin
from .names import dotted, qualified_name
from . import inference
from .restores import module_level_value
from ..project import PROJECT

# Methods that only read: a call of one in a teardown does not restore anything.

# Fixtures and names whose calls patch with automatic undo (pytest / pytest-mock / unittest.mock).
PATCHERS = frozenset({"monkeypatch", "mocker", "class_mocker", "module_mocker", "package_mocker",
                      "session_mocker", "patch", "patcher"})


def builds_a_value(node: nodes.Subscript, origin: Origin) -> bool:
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


def never_called(func: nodes.FunctionDef) -> bool:
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


def loop_patch(call: nodes.Call, key: str) -> tuple[str, str] | None:
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


def inside_restoring_block(mutation: Mutation, scoped: list[tuple[nodes.With, str]]) -> bool:
    """A change made inside a ``with`` block that puts the same target (or a parent) back."""
    line = mutation.node.lineno or 0
    return any(block.body and block.body[0].fromlineno <= line <= (block.tolineno or 0)
               and overlapping(key, mutation.key) for block, key in scoped)


def patcher_context(call: nodes.Call) -> nodes.With | None:
    """The block of ``with monkeypatch.context() as m:`` when ``call`` is ``m.setattr(...)``."""
    func = call.func
    if not isinstance(func, nodes.Attribute) or not isinstance(func.expr, nodes.Name):
        return None
    name = func.expr.name
    node: nodes.NodeNG | None = call.parent
    while node is not None and not isinstance(node, (nodes.FunctionDef, nodes.Lambda, nodes.Module)):
        if isinstance(node, (nodes.With, nodes.AsyncWith)):
            for expr, var in node.items:
                if isinstance(var, nodes.AssignName) and var.name == name and is_patch_context(expr):
                    return node
        node = node.parent
    return None


def is_patching(call: nodes.Call) -> bool:
    """``monkeypatch.setitem(...)``, ``mock.patch.dict(...)``, ``mocker.patch.object(...)``."""
    text = dotted(call.func) or ""
    if any(part in PATCHERS for part in text.split(".")):
        return True
    name = qualified_name(call.func) or ""
    return name.startswith(("unittest.mock.", "mock.")) or patcher_context(call) is not None


def is_patch_context(expr: nodes.NodeNG) -> bool:
    """``monkeypatch.context()``, ``pytest.MonkeyPatch.context()``."""
    if not isinstance(expr, nodes.Call) or not isinstance(expr.func, nodes.Attribute):
        return False
    owner = dotted(expr.func.expr) or ""
    patcher = owner.split(".")[0] in PATCHERS or owner.endswith("MonkeyPatch")
    return expr.func.attrname == "context" and patcher


def overlapping(one: str, other: str) -> bool:
    return (one == other or one.startswith((other + "[", other + "."))
            or other.startswith((one + "[", one + ".")))


def element(value: nodes.NodeNG, path: list[int]) -> nodes.NodeNG:
    for index in path:
        if not isinstance(value, (nodes.Tuple, nodes.List)) or index >= len(value.elts):
            return value
        value = value.elts[index]
    return value


def pick(saved: object, path: list[int]) -> object:
    for index in path:
        if not isinstance(saved, list) or index >= len(saved):
            return None
        saved = saved[index]
    return saved


def is_initial_constant(target: nodes.NodeNG, value: nodes.Const) -> bool:
    """``settings.run_checks = True`` where ``settings.py`` says ``run_checks = True``;
    ``factory.validate = True`` where ``factory = Factory()`` and ``Factory.__init__`` says
    ``self.validate = True``: the value the object already has."""
    if isinstance(target, nodes.AssignAttr):
        values = inference.infer_values(target.expr)
        owners = [v for v in values if isinstance(v, (nodes.Module, nodes.ClassDef))]
        name = target.attrname
        if not owners:
            initial = _initial_instance_constant(target.expr, values, name)
            return initial is not None and _same_constant(initial, value)
    elif isinstance(target, nodes.AssignName):
        owners, name = [target.root()], target.name
    else:
        return False
    for owner in owners:
        initial = _only_constant(owner, name)
        if initial is not None:
            return _same_constant(initial, value)
    return False


def _same_constant(one: nodes.Const, other: nodes.Const) -> bool:
    return bool(one.value == other.value and type(one.value) is type(other.value))


def _only_constant(owner: nodes.LocalsDictNodeNG, name: str) -> nodes.Const | None:
    """The constant of the one plain assignment of ``name`` in a module or class body."""
    bindings = owner.locals.get(name, [])
    assigned = [b.parent.value for b in bindings if isinstance(b.parent, nodes.Assign)]
    if len(bindings) == 1 and len(assigned) == 1 and isinstance(assigned[0], nodes.Const):
        return assigned[0]
    return None


def _initial_instance_constant(expr: nodes.NodeNG, values: list[object], name: str) -> nodes.Const | None:
    """What a readable project class gives the attribute of an object it made (``factory =
    Factory()`` at module level): the constant its ``__init__`` assigns, the only assignment of
    the attribute in the class's methods, or the class body's constant."""
    classes = {id(v._proxied): v._proxied for v in values
               if isinstance(v, bases.Instance) and isinstance(v._proxied, nodes.ClassDef)}
    if len(values) != 1 or len(classes) != 1:
        return None
    cls = next(iter(classes.values()))
    if not _is_project_class(cls) or not _made_by(expr, cls):
        return None
    for klass in [cls, *cls.ancestors()]:
        if not _is_project_class(klass):
            return None
        in_methods = [a for a in klass.instance_attrs.get(name, [])
                      if isinstance(a.scope(), nodes.FunctionDef) and a.scope().parent is klass]
        if in_methods:
            return _set_by_init(in_methods)
        if name in klass.locals:
            return _only_constant(klass, name)
    return None


def _set_by_init(assignments: list[nodes.NodeNG]) -> nodes.Const | None:
    """``self.name = <constant>``, a statement of ``__init__`` itself (not under an ``if``)."""
    if len(assignments) != 1:
        return None
    statement = assignments[0].parent
    init = assignments[0].scope()
    if (not isinstance(statement, nodes.Assign) or statement.parent is not init
            or getattr(init, "name", "") != "__init__" or not isinstance(statement.value, nodes.Const)):
        return None
    return statement.value


def _made_by(expr: nodes.NodeNG, cls: nodes.ClassDef) -> bool:
    """The object is the module-level ``name = Cls(...)`` (not one a function made and changed)."""
    made = module_level_value(expr)
    if not isinstance(made, nodes.Call):
        return False
    return any(v is cls for v in inference.infer_values(made.func))


def _is_project_class(cls: nodes.ClassDef) -> bool:
    module = cls.root().name.split(".")[0]
    return bool(module) and module not in sys.stdlib_module_names and PROJECT.is_project_module(module)
