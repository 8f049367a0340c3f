"""``from pkg.schema import *``: which names a star import binds, and where each is defined.

Read with ``ast`` from the project's own modules (never a library's), through chains of star
re-exports, honouring ``__all__`` where a module spells it out as a list or tuple of strings.
Each name maps to the dotted name of its definition (``app.schema.nodes.Node``), so that a
star-imported name is qualified like an explicitly imported one.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator, Mapping

from ..project import module_name_for


def absolute_module(written: str, path: str) -> str:
    """The absolute dotted name of a module an import in the file at ``path`` writes."""
    level = len(written) - len(written.lstrip("."))
    if not level:
        return written
    own = module_name_for(path)
    package = own if os.path.basename(path) == "__init__.py" else own.rpartition(".")[0]
    parts = package.split(".") if package else []
    parts = parts[:len(parts) - (level - 1)] if level > 1 else parts
    rest = written[level:]
    return ".".join([*parts, rest] if rest else parts)


def star_sources(body: list[ast.stmt]) -> Iterator[str]:
    """The modules a module star-imports, as written (``.nodes``, ``app.schema``)."""
    for statement in body:
        if isinstance(statement, ast.ImportFrom) and any(a.name == "*" for a in statement.names):
            yield "." * (statement.level or 0) + (statement.module or "")


def declared_all(body: list[ast.stmt]) -> frozenset[str] | None:
    """``__all__`` as the module spells it (a list or tuple of strings, ``+=`` of those); None
    when it is not given or not spelled out."""
    names: set[str] = set()
    found = False
    for statement in body:
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                     for t in statement.targets):
            strings = _strings(statement.value)
            if strings is None:
                return None
            names, found = set(strings), True
        elif (isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name)
              and statement.target.id == "__all__"):
            strings = _strings(statement.value)
            if strings is None:
                return None
            names |= set(strings)
    return frozenset(names) if found else None


def _strings(value: ast.expr) -> list[str] | None:
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    if not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
        return None
    return [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]


def own_bindings(body: list[ast.stmt], path: str) -> dict[str, str]:
    """Top-level names a module binds itself or by an explicit import, each as the dotted name
    of what it is: ``app.schema.nodes.Node`` for a class defined there, the import's target for
    an imported name."""
    module = module_name_for(path)
    found: dict[str, str] = {}
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found[statement.name] = f"{module}.{statement.name}"
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    found[target.id] = f"{module}.{target.id}"
        elif isinstance(statement, ast.Import):
            for alias in statement.names:
                found[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else (
                    alias.name.split(".")[0])
        elif isinstance(statement, ast.ImportFrom):
            base = absolute_module("." * (statement.level or 0) + (statement.module or ""), path)
            for alias in statement.names:
                if alias.name != "*":
                    found[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
    return found


def exported(body: list[ast.stmt], path: str, star_imported: Mapping[str, str]) -> dict[str, str]:
    """What ``from this_module import *`` binds: ``__all__`` where spelled out, else every
    public name (its own and those it star-imports)."""
    names = {**star_imported, **own_bindings(body, path)}
    listed = declared_all(body)
    if listed is not None:
        return {name: target for name, target in names.items() if name in listed}
    return {name: target for name, target in names.items() if not name.startswith("_")}
