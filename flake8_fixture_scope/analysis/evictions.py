"""Evicting every ``sys.modules`` entry whose name starts with a prefix.

``for name in list(sys.modules): if name.startswith("pkg"): del sys.modules[name]`` (or the
same over a filtered comprehension, or ``sys.modules.pop(n)`` in one) removes each module of
that prefix, whoever imported it. The modules the test module and the conftests on its path
import at their top level existed before any test ran: removing them is a change, wherever it
is (a teardown, a finalizer), since the next ``import`` makes new module objects while the
modules already imported keep the old ones. Modules of the prefix that nothing imports at
top level are ones a test imported for the first time: evicting them puts back the start.
"""

from __future__ import annotations

import ast
import functools
import os
from collections.abc import Iterable

from astroid import nodes

from .events import Mutation
from .names import dotted
from ..project import PROJECT, file_stamp, Stamp

_ITERATING_CALLS = frozenset({"list", "tuple", "sorted", "set", "frozenset"})


def evicted_prefixes(node: nodes.NodeNG) -> list[str]:
    """The prefixes a ``del sys.modules[name]`` / ``sys.modules.pop(name)`` over the module
    names filtered by ``name.startswith(PREFIX)`` removes; empty when it is not one."""
    key = _removed_key(node)
    if key is None:
        return []
    try:
        _scope, bindings = key.lookup(key.name)
    except Exception:
        return []
    if len(bindings) != 1 or not isinstance(bindings[0], nodes.AssignName):
        return []
    binding = bindings[0]
    loop = binding.parent
    if isinstance(loop, nodes.For) and loop.target is binding:
        prefixes = _prefixes_over(loop.iter) or _enclosing_filters(node, loop, key.name)
        return prefixes if _iterates_module_names(loop.iter) else []
    if isinstance(loop, nodes.Comprehension) and loop.target is binding and _iterates_module_names(loop.iter):
        return _filter_prefixes(loop.ifs, key.name) or _prefixes_over(loop.iter)
    return []


def _removed_key(node: nodes.NodeNG) -> nodes.Name | None:
    if isinstance(node, nodes.Subscript) and dotted(node.value) == "sys.modules":
        key: nodes.NodeNG = node.slice
    elif (isinstance(node, nodes.Call) and isinstance(node.func, nodes.Attribute)
          and node.func.attrname == "pop"
          and dotted(node.func.expr) == "sys.modules" and node.args):
        key = node.args[0]
    else:
        return None
    return key if isinstance(key, nodes.Name) else None


def _iterates_module_names(expr: nodes.NodeNG) -> bool:
    """``sys.modules``, ``list(sys.modules)``, ``sys.modules.keys()``, ``[n for n in sys.modules if ...]``."""
    if dotted(expr) == "sys.modules":
        return True
    if isinstance(expr, nodes.Call):
        func = expr.func
        if isinstance(func, nodes.Name) and func.name in _ITERATING_CALLS and len(expr.args) == 1:
            return _iterates_module_names(expr.args[0])
        if isinstance(func, nodes.Attribute) and func.attrname in ("keys", "copy") and not expr.args:
            return dotted(func.expr) == "sys.modules"
        return False
    if isinstance(expr, (nodes.ListComp, nodes.GeneratorExp, nodes.SetComp)) and len(expr.generators) == 1:
        generator = expr.generators[0]
        return (isinstance(expr.elt, nodes.Name) and isinstance(generator.target, nodes.AssignName)
                and expr.elt.name == generator.target.name and _iterates_module_names(generator.iter))
    return False


def _prefixes_over(expr: nodes.NodeNG) -> list[str]:
    """The prefixes a filtered comprehension (or a call of one) keeps."""
    if isinstance(expr, nodes.Call) and len(expr.args) == 1:
        return _prefixes_over(expr.args[0])
    if isinstance(expr, (nodes.ListComp, nodes.GeneratorExp, nodes.SetComp)) and len(expr.generators) == 1:
        target = expr.generators[0].target
        if isinstance(target, nodes.AssignName):
            return _filter_prefixes(expr.generators[0].ifs, target.name)
    return []


def _enclosing_filters(node: nodes.NodeNG, loop: nodes.For, name: str) -> list[str]:
    """``if name.startswith(P):`` between the loop and the removal."""
    tests: list[nodes.NodeNG] = []
    parent = node.parent
    while parent is not None and parent is not loop:
        if isinstance(parent, nodes.If) and _is_in_body(node, parent):
            tests.append(parent.test)
        parent = parent.parent
    return _filter_prefixes(tests, name)


def _is_in_body(node: nodes.NodeNG, branch: nodes.If) -> bool:
    return any(node is statement or node in statement.nodes_of_class(type(node)) for statement in branch.body)


def _filter_prefixes(tests: list[nodes.NodeNG], name: str) -> list[str]:
    """The constant prefixes of ``name.startswith(P)`` / ``name.startswith((P, Q))`` that a
    condition requires (alone, or in an ``or``)."""
    found: list[str] = []
    for test in tests:
        alternatives = test.values if isinstance(test, nodes.BoolOp) and test.op == "or" else [test]
        for alternative in alternatives:
            prefixes = _startswith_constants(alternative, name)
            if prefixes is None:
                return []  # a condition this does not read: the evicted names are unknown
            found += prefixes
    return found


def _startswith_constants(test: nodes.NodeNG, name: str) -> list[str] | None:
    if not (isinstance(test, nodes.Call) and isinstance(test.func, nodes.Attribute)
            and test.func.attrname == "startswith" and isinstance(test.func.expr, nodes.Name)
            and test.func.expr.name == name and len(test.args) == 1):
        return None
    arg = test.args[0]
    values = arg.elts if isinstance(arg, nodes.Tuple) else [arg]
    if not all(isinstance(v, nodes.Const) and isinstance(v.value, str) for v in values):
        return None
    return [str(v.value) for v in values]


def evicts_modules_loaded_before(prefixes: list[str], module: nodes.Module) -> bool:
    """Whether a module of one of ``prefixes`` is imported at top level by ``module`` (the test
    module) or a conftest on its path: it existed before the test."""
    names = imported_before_the_tests(module)
    return any(name.startswith(prefix) for name in names for prefix in prefixes)


def imported_before_the_tests(module: nodes.Module) -> set[str]:
    """The modules ``module`` and the conftests on its path import at top level (and the
    packages above them): loaded at collection, before any test runs."""
    names = set(_top_level_imports_of(module))
    for conftest in PROJECT.conftest_paths(module.file or "") if module.file else []:
        names.update(_conftest_imports(conftest, file_stamp(conftest)))
    return names


def _top_level_imports_of(module: nodes.Module) -> list[str]:
    found: list[str] = []
    for statement in module.body:
        if isinstance(statement, nodes.Import):
            found += _with_parents(n for n, _alias in statement.names)
        elif isinstance(statement, nodes.ImportFrom) and not statement.level:
            found += _with_parents([statement.modname])
            found += [f"{statement.modname}.{n}" for n, _alias in statement.names if n != "*"]
    return found


@functools.lru_cache(maxsize=256)
def _conftest_imports(path: str, _stamp: Stamp | None) -> tuple[str, ...]:
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read(), filename=os.path.basename(path))
    except (OSError, SyntaxError, ValueError):
        return ()
    found: list[str] = []
    for statement in tree.body:
        if isinstance(statement, ast.Import):
            found += _with_parents(alias.name for alias in statement.names)
        elif isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
            found += _with_parents([statement.module])
            found += [f"{statement.module}.{a.name}" for a in statement.names if a.name != "*"]
    return tuple(found)


def _with_parents(names: Iterable[str]) -> list[str]:
    """``a``, ``a.b``, ``a.b.c`` for ``a.b.c``: importing it loads each package above it too."""
    found: list[str] = []
    for name in names:
        parts = name.split(".")
        found += [".".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return found


EVICTING = "evicting every module named "


def eviction_action(prefixes: list[str]) -> str:
    return EVICTING + " or ".join(f"'{p}*'" for p in prefixes)


def is_eviction_change(mutation: Mutation) -> bool:
    return mutation.action.startswith(EVICTING)
