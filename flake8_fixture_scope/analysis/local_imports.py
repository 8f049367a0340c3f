"""``import mod`` inside a test or fixture: the first import of a project module runs its top
level, and what that changes outside the module (a registry of another module, the process
environment) stays for every later test.

A module the test module or a conftest on its path imports at top level ran before any test:
importing it again runs nothing. What the imported module binds for itself is its own set-up.
Modules those top-level imports load in turn are not followed (a known limit).
"""

from __future__ import annotations

from collections.abc import Callable

from astroid import nodes

from .events import Context, ModuleObject, Mutation, Origin
from .evictions import imported_before_the_tests
from ..project import PROJECT, relative

# What a project module's top level changes outside itself: (module name, file) -> changes.
TopLevelChanges = Callable[[str, str], list[Mutation]]


def imported_project_modules(node: nodes.Import | nodes.ImportFrom,
                             context: Context) -> list[tuple[str, str]]:
    """(name, file) of each project module the import statement loads (absolute imports)."""
    if isinstance(node, nodes.Import):
        names = [name for name, _alias in node.names]
    elif node.level or not node.modname:
        return []
    else:
        names = [node.modname, *(f"{node.modname}.{n}" for n, _alias in node.names if n != "*")]
    found: list[tuple[str, str]] = []
    for name in names:
        path = PROJECT.find_module_file(name)
        if path is not None and context.is_project_file(path):
            found.append((name, path))
    return found


def import_changes(node: nodes.Import | nodes.ImportFrom, context: Context,
                   changes_of: TopLevelChanges) -> list[Mutation]:
    """What importing the project modules ``node`` names for the first time changes, at ``node``."""
    found: list[Mutation] = []
    loaded = imported_before_the_tests(node.root())
    for name, path in imported_project_modules(node, context):
        if name in loaded:
            continue
        for change in changes_of(name, path)[:1]:  # one finding an import: the first change it makes
            where = f"{relative(path)}:{change.node.lineno}"
            action = f"importing '{name}' for the first time (its top level: {change.action} at {where})"
            origin = Origin(change.key, ModuleObject(change.key, "called", change.key))
            found.append(Mutation("FXS020", node, action, origin, change.key, False,
                                  change.action, name, where))
    return found
