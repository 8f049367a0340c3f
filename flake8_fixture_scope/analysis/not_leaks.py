"""Writes to module-level state that no later test can observe: a key or attribute the test
added itself, a ``sys.modules`` entry of a module only it imports, a write that
``pytest.raises`` expects to be refused."""

from __future__ import annotations

import sys

from astroid import nodes

from .events import Context, Mutation
from .names import dotted, qualified_name
from . import inference
from .restores import is_removal
from ..project import PROJECT
from .consumers import is_collected
from .evictions import evicted_prefixes, evicts_modules_loaded_before
from .names import assigned_value_and_path


def removes_what_the_test_added(mutation: Mutation, func: nodes.FunctionDef, context: Context) -> bool:
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


def rejected_in_raises(mutation: Mutation) -> bool:
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


def own_module_entry(mutation: Mutation, func: nodes.FunctionDef) -> bool:
    """A ``sys.modules`` entry of a module only this function imports (evicted to import it
    afresh, or made by hand with ``module_from_spec``): no other test holds that module."""
    if not mutation.key.startswith("sys.modules["):
        return False
    node = mutation.node
    if isinstance(node, nodes.Subscript) and assigned_value_and_path(node)[0] is not None:
        return stores_a_module_it_imports(node, func)
    if not is_removal(mutation.action):
        return False
    prefixes = evicted_prefixes(node)
    if prefixes:  # every module of a prefix: only this test's own when none was imported before
        return not evicts_modules_loaded_before(prefixes, func.root())
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


# Calls that build a module from a spec or a file and run its code (what ``import`` does).
_LOADERS = frozenset({"module_from_spec", "load_source", "load_module", "load_compiled", "load_dynamic"})
# Calls that build an empty module: an import only once the function runs code into it.
_EMPTY_MODULES = frozenset({"types.ModuleType", "imp.new_module"})


def stores_a_module_it_imports(target: nodes.Subscript, func: nodes.FunctionDef) -> bool:
    """``sys.modules[name] = module`` where ``func`` itself made ``module`` from a spec or a file
    (``importlib.util.module_from_spec``, ``imp.load_source``), or made an empty module and ran
    code into it (``exec(code, module.__dict__)``, ``loader.exec_module(module)``): that is an
    import, as ``import`` does it. A stub left empty, or an object that existed before, is not."""
    value = assigned_value_and_path(target)[0]
    name: str | None = None
    if isinstance(value, nodes.Name):  # ``module = module_from_spec(spec); sys.modules[n] = module``
        name = value.name
        single = _binding_reaching(value)
        value = single.value if isinstance(single, nodes.Assign) else None
    elif isinstance(target.parent, nodes.Assign):  # ``sys.modules[n] = module = module_from_spec(spec)``
        name = next((t.name for t in target.parent.targets if isinstance(t, nodes.AssignName)), None)
    if not isinstance(value, nodes.Call):
        return False
    called = dotted(value.func) or ""
    if called.split(".")[-1] in _LOADERS:
        return True
    made_empty = (qualified_name(value.func) or called) in _EMPTY_MODULES
    return made_empty and name is not None and _runs_code_into(name, func)


def _binding_reaching(name: nodes.Name) -> nodes.NodeNG | None:
    """The one assignment of ``name`` that reaches this use (``lookup`` is position-aware: an
    earlier binding the block rebinds is not among them), in the use's own function."""
    try:
        scope, bindings = name.lookup(name.name)
    except Exception:
        return None
    if len(bindings) != 1 or scope is not name.scope():
        return None
    return bindings[0].parent if isinstance(bindings[0], nodes.AssignName) else None


def _runs_code_into(name: str, func: nodes.FunctionDef) -> bool:
    """``exec(code, module.__dict__)``, ``exec(code, vars(module))``, ``loader.exec_module(module)``."""
    for call in func.nodes_of_class(nodes.Call):
        called = (dotted(call.func) or "").split(".")[-1]
        passed = [a.name for a in call.args if isinstance(a, nodes.Name)]
        if called == "exec_module" and name in passed:
            return True
        if called == "exec" and len(call.args) >= 2 and _namespace_of(call.args[1]) == name:
            return True
    return False


def _namespace_of(expr: nodes.NodeNG) -> str | None:
    """``module`` for ``module.__dict__`` or ``vars(module)``."""
    if isinstance(expr, nodes.Attribute) and expr.attrname == "__dict__":
        return str(expr.expr.name) if isinstance(expr.expr, nodes.Name) else None
    if (isinstance(expr, nodes.Call) and dotted(expr.func) == "vars" and len(expr.args) == 1
            and isinstance(expr.args[0], nodes.Name)):
        return str(expr.args[0].name)
    return None


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


def fresh_name_on_own_module(mutation: Mutation, func: nodes.FunctionDef) -> bool:
    """``setattr(sys.modules[__name__], f"generated_{name}", case)`` in a test module: a name of
    its own module that nothing binds or reads there (no module-level name, no ``globals()``),
    under which no other module can find it either (a test module is imported by no one)."""
    node = mutation.node
    if mutation.action != "setattr()" or not isinstance(node, nodes.Call) or len(node.args) < 2:
        return False
    module = func.root()
    if not _is_own_module(node.args[0]) or not is_collected(module.file or ""):
        return False
    if any(dotted(call.func) in ("globals", "vars") for call in module.nodes_of_class(nodes.Call)):
        return False
    name = node.args[1]
    if isinstance(name, nodes.Const) and isinstance(name.value, str):
        return name.value not in module.locals and not any(
            n.name == name.value for n in module.nodes_of_class(nodes.Name))
    prefix = _constant_prefix(name)
    return bool(prefix) and not any(local.startswith(prefix) for local in module.locals)


def _is_own_module(expr: nodes.NodeNG) -> bool:
    """``sys.modules[__name__]``."""
    return (isinstance(expr, nodes.Subscript) and dotted(expr.value) == "sys.modules"
            and isinstance(expr.slice, nodes.Name) and expr.slice.name == "__name__")


def _constant_prefix(expr: nodes.NodeNG) -> str:
    """``generated_`` for ``f"generated_{name}"`` and ``"generated_" + name``."""
    if isinstance(expr, nodes.JoinedStr) and expr.values and isinstance(expr.values[0], nodes.Const):
        return str(expr.values[0].value)
    if isinstance(expr, nodes.BinOp) and expr.op == "+" and isinstance(expr.left, nodes.Const):
        return str(expr.left.value) if isinstance(expr.left.value, str) else ""
    return ""


def fills_an_empty_slot(mutation: Mutation) -> bool:
    """A memo or a once-flag: the write happens only under a guard saying its target is still
    unset (``if x is None: x = ...``, ``if not done: done = True``, ``if k not in CACHE:
    CACHE[k] = ...``, ``if not hasattr(o, "a"): o.a = ...``). A later test finds filled what it
    would have filled the same way; it sees nothing else."""
    node = mutation.node
    statement = node.parent
    if not isinstance(node, (nodes.AssignName, nodes.AssignAttr, nodes.Subscript)) \
            or not isinstance(statement, nodes.Assign):
        return False
    guard = statement.parent
    while guard is not None and not isinstance(guard, (nodes.If, nodes.FunctionDef)):
        guard = guard.parent
    if not isinstance(guard, nodes.If) or not _in_body(statement, guard):
        return False
    if not isinstance(node, nodes.Subscript) and _uses_parameters(statement.value, statement.scope()):
        return False  # ``if FIRST is None: FIRST = case``: whichever test runs first decides
    value = statement.value.value if isinstance(statement.value, nodes.Const) else _UNKNOWN
    return _says_unset(guard.test, node, value) or _fills_beside(node, guard)


def _uses_parameters(value: nodes.NodeNG, scope: nodes.NodeNG) -> bool:
    """A value made from the function's arguments (other than ``self``/``cls``): one slot
    filled with it holds what the first caller passed."""
    if not isinstance(scope, nodes.FunctionDef):
        return False
    arguments = scope.args.posonlyargs + scope.args.args + scope.args.kwonlyargs
    if isinstance(scope.parent, nodes.ClassDef) and scope.type != "staticmethod":
        arguments = arguments[1:]
    names = {a.name for a in arguments}
    return any(n.name in names for n in value.nodes_of_class(nodes.Name))


def _fills_beside(node: nodes.NodeNG, guard: nodes.If) -> bool:
    """``if self._spec is None: self._spec = ...; self._extra = ...``: the other attributes of
    the same object the block sets along with the slot it fills belong to that memo."""
    if not isinstance(node, nodes.AssignAttr):
        return False
    owner = node.expr.as_string()
    for assign in (a for part in guard.body for a in part.nodes_of_class(nodes.Assign)):
        for target in assign.targets:
            if target is not node and isinstance(target, nodes.AssignAttr) \
                    and target.expr.as_string() == owner and _says_unset(guard.test, target, _UNKNOWN):
                return True
    return False


_UNKNOWN = object()  # a value that is not a constant: computed, so it fills the slot


def _in_body(statement: nodes.NodeNG, guard: nodes.If) -> bool:
    return any(statement is part or any(statement is a for a in part.nodes_of_class(nodes.Assign))
               for part in guard.body)


def _target_text(node: nodes.NodeNG) -> str:
    return str(node.name) if isinstance(node, nodes.AssignName) else node.as_string()


def _says_unset(test: nodes.NodeNG, target: nodes.NodeNG, value: object) -> bool:
    """Whether ``test`` holds only while ``target`` is unset, and ``value`` makes it false."""
    text = _target_text(target)
    if isinstance(test, nodes.UnaryOp) and test.op == "not":
        operand = test.operand
        if operand.as_string() == text:
            return value is _UNKNOWN or bool(value)
        return (isinstance(operand, nodes.Call) and isinstance(operand.func, nodes.Name)
                and operand.func.name == "hasattr" and isinstance(target, nodes.AssignAttr)
                and len(operand.args) == 2 and operand.args[0].as_string() == target.expr.as_string()
                and isinstance(operand.args[1], nodes.Const) and operand.args[1].value == target.attrname)
    if not isinstance(test, nodes.Compare) or len(test.ops) != 1:
        return False
    operator, other = test.ops[0]
    if operator == "is" and test.left.as_string() == text:
        return isinstance(other, nodes.Const) and other.value is None and value is not None
    return (operator == "not in" and isinstance(target, nodes.Subscript)
            and test.left.as_string() == target.slice.as_string()
            and other.as_string() == target.value.as_string())
