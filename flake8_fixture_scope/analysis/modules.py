"""Whether an expression names a module: ``np``, ``np.char``, ``fits`` after
``from astropy.io import fits``, ``tools`` after ``from app import tools``.

A call through a module (``np.append(a, b)``) is a call of one of its functions, not a method of
a container: it changes state only if the function's summary says so. Nothing is imported or
built with astroid here: the file's own import statements tell that a name is bound to a
module; a dotted name reached otherwise (``from pkg import name``, ``np.char``) is a module when
it is a module file or package of the project, is already loaded, or is found by the import
system's path finder (which reads folders, and imports nothing).
"""

from __future__ import annotations

import functools
import os
import sys
import types
import weakref
from importlib.machinery import PathFinder

from astroid import nodes

from .names import name_binding
from ..project import PROJECT

_IMPORTED: weakref.WeakKeyDictionary[nodes.Module, frozenset[str]] = weakref.WeakKeyDictionary()


def names_a_module(expr: nodes.NodeNG) -> bool:
    return module_named(expr) is not None


def module_named(expr: nodes.NodeNG) -> str | None:
    """The dotted name of the module ``expr`` names, or None when it may be anything else."""
    if isinstance(expr, nodes.Name):
        return _bound_module(expr)
    if isinstance(expr, nodes.Attribute):
        base = module_named(expr.expr)
        if base is None:
            return None
        candidate = f"{base}.{expr.attrname}"
        return candidate if candidate in _imported_modules(expr.root()) or is_module(candidate) else None
    return None


def _bound_module(name: nodes.Name) -> str | None:
    binding = name_binding(name)
    if isinstance(binding, nodes.Import):
        for imported, alias in binding.names:
            if alias == name.name:
                return str(imported)  # ``import numpy as np``
            if alias is None and imported.split(".")[0] == name.name:
                return str(name.name)  # ``import os.path`` binds ``os``
        return None
    if isinstance(binding, nodes.ImportFrom):
        for imported, alias in binding.names:
            if (alias or imported) == name.name and imported != "*":
                package = _absolute_package(binding)
                candidate = f"{package}.{imported}" if package else str(imported)
                return candidate if is_module(candidate) else None
    return None


def _absolute_package(binding: nodes.ImportFrom) -> str:
    if not binding.level:
        return str(binding.modname)
    try:
        return str(binding.root().relative_to_absolute_name(binding.modname, binding.level))
    except Exception:  # astroid raises when the relative import climbs above the top package
        return ""


def _imported_modules(module: nodes.Module) -> frozenset[str]:
    """Every dotted name an ``import a.b.c`` of the file makes certain to be a module (and its parents)."""
    known = _IMPORTED.get(module)
    if known is None:
        names: set[str] = set()
        for node in module.nodes_of_class(nodes.Import):
            for imported, _alias in node.names:
                parts = str(imported).split(".")
                names.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
        known = _IMPORTED[module] = frozenset(names)
    return known


def is_module(dotted: str) -> bool:
    """A module of the project, one already loaded, or one the path finder finds (nothing imported)."""
    if not dotted or dotted.startswith("."):
        return False
    top = dotted.split(".")[0]
    if top not in sys.stdlib_module_names and PROJECT.is_project_module(top):
        return _is_project_module_file(dotted)
    return _is_installed_module(dotted)


def _is_project_module_file(dotted: str) -> bool:
    parts = dotted.split(".")
    for root in PROJECT.search_roots:
        for folder in (root, os.path.join(root, "src")):
            base = os.path.join(folder, *parts)
            if os.path.isfile(base + ".py") or os.path.isdir(base):
                return True
    return False


@functools.lru_cache(maxsize=4096)
def _is_installed_module(dotted: str) -> bool:
    """Found package by package with ``PathFinder`` (which reads folders and imports nothing)."""
    if isinstance(sys.modules.get(dotted), types.ModuleType):
        return True  # ``os.path``, which ``os`` puts there itself
    parts = dotted.split(".")
    search: list[str] | None = None
    for end in range(1, len(parts) + 1):
        name = ".".join(parts[:end])
        loaded = sys.modules.get(name)
        if loaded is not None:
            if not isinstance(loaded, types.ModuleType):
                return False
            located = getattr(loaded, "__path__", None)
        else:
            try:
                spec = PathFinder.find_spec(name, search)
            except (ImportError, ValueError, OSError):
                return False
            if spec is None:
                return False
            located = spec.submodule_search_locations
        if end < len(parts):
            if located is None:
                return False  # a plain module has no submodules to find
            search = list(located)
    return True
