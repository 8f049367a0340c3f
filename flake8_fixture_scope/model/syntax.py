"""Reading pytest's vocabulary from the standard library's ``ast``: imports, fixture
decorators, requested parameters, parametrize marks. No inference, no astroid."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

FIXTURE_DECORATORS = frozenset(
    {"pytest.fixture", "pytest.yield_fixture", "_pytest.fixtures.fixture", "pytest_asyncio.fixture"}
)
# Patch decorators that pass the mock as an extra leading argument.
_INJECTING_PATCHES = ("mock.patch", "mock.patch.object")
_MAX_ALIAS_DEPTH = 4

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


def import_table(body: list[ast.stmt]) -> dict[str, str]:
    """What each name bound by the imports among ``body`` refers to, as a dotted name.

    ``import os.path`` binds ``os`` to ``os``; ``from . import x`` binds ``x`` to ``.x``.
    """
    table: dict[str, str] = {}
    for statement in body:
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                if alias.asname:
                    table[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    table[top] = top
        elif isinstance(statement, ast.ImportFrom):
            base = "." * (statement.level or 0) + (statement.module or "")
            for alias in statement.names:
                if alias.name != "*":
                    joined = f"{base}.{alias.name}" if statement.module else f"{base}{alias.name}"
                    table[alias.asname or alias.name] = joined
    return table


def module_assignments(body: list[ast.stmt]) -> dict[str, ast.expr]:
    """``NAME = value`` (and ``NAME: T = value``) at the top of a module or class, last wins."""
    found: dict[str, ast.expr] = {}
    for statement in body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            if isinstance(statement.target, ast.Name):
                found[statement.target.id] = statement.value
    return found


def dotted(expr: ast.AST) -> str | None:
    """``a.b.c`` for a chain of names and attributes, else None."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        base = dotted(expr.value)
        return f"{base}.{expr.attr}" if base else None
    return None


def qualified(expr: ast.AST, imports: Mapping[str, str], assigned: Mapping[str, ast.expr] | None = None,
              depth: int = 0) -> str | None:
    """The dotted name ``expr`` refers to through the imports (and module aliases), or None."""
    text = dotted(expr)
    if text is None:
        return None
    head, dot, rest = text.partition(".")
    if head in imports:
        return imports[head] + (dot + rest if dot else "")
    if assigned and head in assigned and depth < _MAX_ALIAS_DEPTH:
        base = qualified(assigned[head], imports, assigned, depth + 1)
        return base + (dot + rest if dot else "") if base else None
    return None


def fixture_options(func: FunctionNode, imports: Mapping[str, str],
                    assigned: Mapping[str, ast.expr]) -> dict[str, ast.expr] | None:
    """The keyword arguments of the fixture decorator on ``func``, or None if it is no fixture."""
    for decorator in func.decorator_list:
        options = _decorator_options(decorator, imports, assigned, 0)
        if options is not None:
            return options
    return None


def _decorator_options(expr: ast.expr, imports: Mapping[str, str], assigned: Mapping[str, ast.expr],
                       depth: int) -> dict[str, ast.expr] | None:
    if depth > _MAX_ALIAS_DEPTH:
        return None
    if isinstance(expr, ast.Call):
        if qualified(expr.func, imports) == "functools.partial" and expr.args:
            base = _decorator_options(expr.args[0], imports, assigned, depth + 1)
        else:
            base = _decorator_options(expr.func, imports, assigned, depth + 1)
        if base is None:
            return None
        return {**base, **{kw.arg: kw.value for kw in expr.keywords if kw.arg}}
    if qualified(expr, imports) in FIXTURE_DECORATORS:
        return {}
    if isinstance(expr, ast.Name) and expr.id in assigned and expr.id not in imports:
        return _decorator_options(assigned[expr.id], imports, assigned, depth + 1)
    return None


def requested_params(func: FunctionNode, is_method: bool, imports: Mapping[str, str]) -> list[str]:
    """Parameters pytest fills with fixtures: no defaults, no positional-only, not ``self``."""
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    defaulted = len(args.defaults)
    without_default = positional[: len(positional) - defaulted] if defaulted else positional
    params = [p for p in without_default if p not in args.posonlyargs]
    if is_method and not _is_staticmethod(func, imports) and positional and params[:1] == positional[:1]:
        params = params[1:]
    params = params[_patch_decorator_count(func, imports):]
    names = [p.arg for p in params]
    names += [kw.arg for kw, default in zip(args.kwonlyargs, args.kw_defaults) if default is None]
    return names


def _is_staticmethod(func: FunctionNode, imports: Mapping[str, str]) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" and d.id not in imports
               for d in func.decorator_list)


def _patch_decorator_count(func: FunctionNode, imports: Mapping[str, str]) -> int:
    count = 0
    for decorator in func.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        name = qualified(decorator.func, imports) or ""
        if not name.endswith(_INJECTING_PATCHES):
            continue
        new_position = 2 if name.endswith("object") else 1
        if any(kw.arg == "new" for kw in decorator.keywords) or len(decorator.args) > new_position:
            continue
        count += 1
    return count


def pytestmark_values(body: list[ast.stmt]) -> Iterator[ast.expr]:
    """The marks of a ``pytestmark = ...`` assignment in a module or class body."""
    for statement in body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in statement.targets
        ):
            value = statement.value
            yield from value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]


def is_parametrize(mark: ast.expr) -> bool:
    return isinstance(mark, ast.Call) and (dotted(mark.func) or "").endswith("mark.parametrize")


def parametrize_argnames(call: ast.Call) -> list[str]:
    argnames = call.args[0] if call.args else next(
        (kw.value for kw in call.keywords if kw.arg == "argnames"), None)
    if isinstance(argnames, ast.Constant) and isinstance(argnames.value, str):
        return [n.strip() for n in argnames.value.split(",") if n.strip()]
    if isinstance(argnames, (ast.List, ast.Tuple)):
        return [e.value for e in argnames.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def parametrized_names(marks: list[ast.expr]) -> set[str]:
    """Argument names the ``parametrize`` marks among ``marks`` supply directly (not indirect)."""
    names: set[str] = set()
    for mark in marks:
        if not isinstance(mark, ast.Call) or not is_parametrize(mark):
            continue
        supplied = set(parametrize_argnames(mark))
        indirect = next((kw.value for kw in mark.keywords if kw.arg == "indirect"), None)
        if isinstance(indirect, ast.Constant) and indirect.value is True:
            continue
        if isinstance(indirect, (ast.List, ast.Tuple)):
            supplied -= {e.value for e in indirect.elts if isinstance(e, ast.Constant)}
        names |= supplied
    return names


def usefixtures_arguments(marks: list[ast.expr]) -> set[str]:
    names: set[str] = set()
    for mark in marks:
        if isinstance(mark, ast.Call) and (dotted(mark.func) or "").endswith("usefixtures"):
            names.update(a.value for a in mark.args
                         if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return names
