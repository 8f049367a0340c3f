"""Where module-level state enters a function: the free names that resolve to module-level
objects, the test class's shared attributes, and class attributes reached through an instance
the function builds (no inference but for that last one)."""

from __future__ import annotations

from astroid import nodes

from .events import Context, ModuleObject, Origin
from ..vocabulary import CLASS_SETUPS, CONTAINER_MAKERS, PER_INSTANCE_SETUPS
from .names import dotted, qualified_name
from . import inference
from .calls import may_call_project_code
from .namespaces import OWN_GLOBALS, is_own_globals


def module_state_roots(func: nodes.FunctionDef, own_class: nodes.ClassDef | None) -> dict[str, Origin]:
    """The free names used in ``func`` that resolve to module-level objects (no inference)."""
    roots = free_name_roots(func, own_class)
    roots.update(class_attribute_roots(func, own_class))
    if any(is_own_globals(call) for call in func.nodes_of_class(nodes.Call)):
        roots[OWN_GLOBALS] = Origin(OWN_GLOBALS, ModuleObject(OWN_GLOBALS, "object"))
    return roots


def free_name_roots(func: nodes.NodeNG, own_class: nodes.ClassDef | None = None) -> dict[str, Origin]:
    """The names used in ``func`` (a function, or a statement) bound to module-level objects."""
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
    return roots


def instance_attribute_roots(func: nodes.NodeNG, context: Context) -> dict[str, Origin]:
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
                for name, origin in class_level_state(cls, context).items():
                    roots[f"{target.name}.{name}"] = origin
                break
    return roots


def class_level_state(cls: nodes.ClassDef, context: Context) -> dict[str, Origin]:
    """The objects an instance of ``cls`` reaches as class attributes, through the MRO of the
    readable (project) classes: each a value bound in a class body (a container, a parser, any
    object; not a method), and not given each instance in ``__init__``. One object that every
    instance shares, named by the class that defines it."""
    try:
        mro = [c for c in cls.mro() if isinstance(c, nodes.ClassDef)]
    except Exception:  # astroid: inconsistent or unreadable hierarchies
        mro = [cls]
    found: dict[str, Origin] = {}
    per_instance: set[str] = set()
    for klass in mro:
        if not context.is_project_file(klass.root().file or ""):
            continue
        per_instance |= _per_instance_names(klass)
        for name in _class_body_values(klass):
            if name in found or name in per_instance:
                continue
            key = f"{klass.name}.{name}"
            found[name] = Origin(key, ModuleObject(key, "class", f"{klass.root().name}.{key}"))
    return found


def _class_body_values(cls: nodes.ClassDef) -> list[str]:
    """Names the class body binds to an object (not a method, not a per-instance field)."""
    fields = _declares_fields(cls)
    return [target.name for statement in cls.body if isinstance(statement, (nodes.Assign, nodes.AnnAssign))
            for target in (statement.targets if isinstance(statement, nodes.Assign) else [statement.target])
            if isinstance(target, nodes.AssignName) and statement.value is not None
            and not isinstance(statement.value, nodes.Lambda)
            and not (fields and _is_field(statement))]


# Class decorators and bases whose generated ``__init__`` gives each instance its own value of
# every annotated field (dataclasses, attrs, pydantic models, named tuples).
_FIELD_DECORATORS = frozenset({"dataclass", "define", "frozen", "mutable", "s", "attrs", "dataclasses"})
_FIELD_BASES = frozenset({"BaseModel", "NamedTuple", "TypedDict", "Struct"})


def _declares_fields(cls: nodes.ClassDef) -> bool:
    decorators = cls.decorators.nodes if cls.decorators else []
    for decorator in decorators:
        target = decorator.func if isinstance(decorator, nodes.Call) else decorator
        if (dotted(target) or "").rpartition(".")[2] in _FIELD_DECORATORS:
            return True
    return any((dotted(base) or "").rpartition(".")[2] in _FIELD_BASES for base in cls.bases)


def _is_field(statement: nodes.NodeNG) -> bool:
    """An annotated class-body binding that is a field (each instance's own), not a ``ClassVar``."""
    if not isinstance(statement, nodes.AnnAssign):
        return False
    return "ClassVar" not in statement.annotation.as_string()


def _per_instance_names(cls: nodes.ClassDef) -> set[str]:
    return {target.attrname for statement in cls.body
            if isinstance(statement, nodes.FunctionDef) and statement.name in PER_INSTANCE_SETUPS
            for target in statement.nodes_of_class(nodes.AssignAttr)}


def defined_at_module_level(func: nodes.FunctionDef) -> bool:
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


def class_of(func: nodes.FunctionDef) -> nodes.ClassDef | None:
    parent = func.parent
    return parent if isinstance(parent, nodes.ClassDef) else None
