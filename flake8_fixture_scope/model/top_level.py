"""The statements at the top of a test module that run at collection: pytest imports every test
module it collects before any test runs, so what they change, every test of the session sees.

Left out, as nothing a later test sees: definitions and imports, ``if __name__ == "__main__":``
blocks (they run only as a script), ``pytestmark``, docstrings, and ``try:`` blocks that only
import (an optional dependency and its fallback).
"""

from __future__ import annotations

import ast

from .state_syntax import FunctionFacts, ModuleLevel, writes_module_state

_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)


def runs_at_collection(statement: ast.stmt) -> bool:
    """A top-level statement that runs when pytest imports the module and may do something."""
    if isinstance(statement, (*_DEFINITIONS, ast.Pass)):
        return False
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return False
    if isinstance(statement, ast.If) and _is_main_guard(statement.test):
        return False
    if isinstance(statement, ast.Try) and all(isinstance(s, (ast.Import, ast.ImportFrom, ast.Pass))
                                              for s in statement.body):
        return False
    targets = statement.targets if isinstance(statement, ast.Assign) else (
        [statement.target] if isinstance(statement, ast.AnnAssign) else [])
    return not (targets and all(isinstance(t, ast.Name) and t.id == "pytestmark" for t in targets))


def _is_main_guard(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` (either way round)."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, *test.comparators]
    return (any(isinstance(s, ast.Name) and s.id == "__name__" for s in sides)
            and any(isinstance(s, ast.Constant) and s.value == "__main__" for s in sides))


def writing_statements(tree: ast.Module, level: ModuleLevel, mutating_methods: frozenset[str]) -> set[int]:
    """Lines of the top-level statements that may change module-level state (the gate)."""
    lines: set[int] = set()
    for statement in tree.body:
        if runs_at_collection(statement) and writes_module_state(
                FunctionFacts(_as_function(statement)), level, mutating_methods):
            lines.add(statement.lineno)
    return lines


def _as_function(statement: ast.stmt) -> ast.FunctionDef:
    """The statement as the body of a function without parameters, for the gate's one pass."""
    arguments = ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[],
                              kwarg=None, defaults=[])
    return ast.FunctionDef(name="<module>", args=arguments, body=[statement], decorator_list=[],
                           returns=None, type_comment=None, lineno=statement.lineno,
                           col_offset=statement.col_offset)
