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
from collections.abc import Iterator, Mapping

from ..project import PROJECT
from ..vocabulary import ARGUMENT_MUTATORS, BUILTIN_CONTAINERS, CONTAINER_MUTATORS, READING_METHODS
from .syntax import FunctionNode, module_assignments, qualified

_ARGUMENT_BUILTINS = frozenset({"setattr", "delattr"})
_MAX_ALIAS_ROUNDS = 4
_BUILTINS = frozenset(vars(builtins))


def root_name(expr: ast.AST) -> str | None:
    """The name ``a.b().c[0]`` starts from."""
    while True:
        if isinstance(expr, ast.Attribute):
            expr = expr.value
        elif isinstance(expr, ast.Subscript):
            expr = expr.value
        elif isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, (ast.Starred, ast.Await, ast.NamedExpr)):
            expr = expr.value
        else:
            return expr.id if isinstance(expr, ast.Name) else None


def _value_roots(expr: ast.AST) -> Iterator[str]:
    if isinstance(expr, ast.IfExp):
        yield from _value_roots(expr.body)
        yield from _value_roots(expr.orelse)
    elif isinstance(expr, ast.BoolOp):
        for value in expr.values:
            yield from _value_roots(value)
    else:
        name = root_name(expr)
        if name is not None:
            yield name


def _target_names(target: ast.AST) -> Iterator[str]:
    for node in ast.walk(target):
        if isinstance(node, ast.Name):
            yield node.id


class ModuleLevel:
    """What a module binds at its top level, read once per checked file."""

    def __init__(self, tree: ast.Module, imports: Mapping[str, str]) -> None:
        self.imports = imports
        self.assigned = module_assignments(tree.body)
        self.classes = {s.name for s in tree.body if isinstance(s, ast.ClassDef)}
        self.functions = {s.name for s in tree.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.names = set(imports) | set(self.assigned) | self.classes

    def may_be_project_code(self, name: str) -> bool:
        """Whether calling through ``name`` could run the project's code (not a library's)."""
        text = qualified(ast.Name(name), self.imports, self.assigned)
        if text is None:
            return name in self.names or name in self.functions or name not in _BUILTINS
        if text.startswith("."):
            return True
        top = text.split(".")[0]
        return top not in sys.stdlib_module_names and PROJECT.is_project_module(top)


def writes_module_state(func: FunctionNode, tree: ast.Module, imports: Mapping[str, str],
                        mutating_methods: frozenset[str], level: ModuleLevel | None = None) -> bool:
    level = level or ModuleLevel(tree, imports)
    nodes = list(ast.walk(func))
    if any(isinstance(n, ast.Global) for n in nodes):
        return True
    local_imports = {a.asname or a.name.split(".")[0] for n in nodes if isinstance(n, (ast.Import, ast.ImportFrom))
                     for a in n.names}
    bound = {a.arg for n in nodes if isinstance(n, ast.arguments)
             for a in [*n.posonlyargs, *n.args, *n.kwonlyargs, n.vararg, n.kwarg] if a is not None}
    bound |= {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del))}
    bound |= {n.name for n in nodes if isinstance(n, ast.ExceptHandler) and n.name}
    roots = (level.names - bound) | local_imports
    aliases = _aliases(nodes, roots)
    tainted = roots | aliases
    return any(_writes(n, tainted, aliases, level, mutating_methods) for n in nodes)


def _aliases(nodes: list[ast.AST], roots: set[str]) -> set[str]:
    bindings: list[tuple[ast.AST, ast.AST]] = []
    for node in nodes:
        if isinstance(node, ast.Assign):
            bindings.extend((target, node.value) for target in node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
            bindings.append((node.target, node.value))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            bindings.append((node.target, node.iter))
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            bindings.append((node.optional_vars, node.context_expr))
    aliases: set[str] = set()
    for _ in range(_MAX_ALIAS_ROUNDS):
        grown = {name for target, value in bindings if any(r in roots or r in aliases for r in _value_roots(value))
                 for name in _target_names(target)}
        if grown <= aliases:
            break
        aliases |= grown
    return aliases


def _writes(node: ast.AST, tainted: set[str], aliases: set[str], level: ModuleLevel,
            mutating_methods: frozenset[str]) -> bool:
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, (ast.Attribute, ast.Subscript)) and isinstance(part.ctx, (ast.Store, ast.Del)) \
                        and root_name(part) in tainted:
                    return True
        return isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id in aliases
    if isinstance(node, ast.Call):
        return _call_writes(node, tainted, level, mutating_methods)
    return False


def _call_writes(call: ast.Call, tainted: set[str], level: ModuleLevel, mutating_methods: frozenset[str]
                 ) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute):
        receiver = root_name(func.value)
        bare_module = isinstance(func.value, ast.Name) and receiver in level.imports
        if receiver in tainted and not bare_module and func.attr not in READING_METHODS:
            if func.attr in CONTAINER_MUTATORS or func.attr in mutating_methods:
                return True
            if receiver is not None and level.may_be_project_code(receiver):
                return True
    arguments = [*call.args, *(kw.value for kw in call.keywords)]
    if not any(root in tainted for arg in arguments for root in _value_roots(arg)):
        return False
    if isinstance(func, ast.Name) and func.id in _ARGUMENT_BUILTINS:
        return True
    name = qualified(func, level.imports, level.assigned) or ""
    if name in ARGUMENT_MUTATORS:
        return True
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
            func.value.id in BUILTIN_CONTAINERS and func.attr in CONTAINER_MUTATORS:
        return True
    callee = root_name(func)
    return callee is not None and (callee in level.functions or level.may_be_project_code(callee))
