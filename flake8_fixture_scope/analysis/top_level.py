"""What the top-level statements of a collected test module change when pytest imports it.

The walk is the module-state walk over the statements the file model picked (see
``model.top_level``), without following into the functions they define. What the module binds
for itself (its own globals, set up at import) is its own business; what it changes of other
modules, of the process or of project code's state, every test of the session sees.
"""

from __future__ import annotations

import ast

from astroid import nodes

from .build import BUILT
from ..model.top_level import runs_at_collection
from ..project import Stamp, file_stamp

from .events import Context, ModuleObject, Mutation
from .module_state import ModuleStateFinder
from .restores import UNDO, is_context_local, is_reset, unrestored
from .state_roots import free_name_roots, instance_attribute_roots

# The test module's own names: what it binds at import is its own set-up.
_OWN_KINDS = frozenset({"object", "global", "class"})
# pytest runs collection inside ``warnings.catch_warnings()`` too.
_RESTORED_AFTER_COLLECTION = ("warnings.filters", "warnings.showwarning")


class TopLevelFinder(ModuleStateFinder):
    """The module-state walk over a module's statements; function bodies are not run here."""

    def _visit_nested_function(self, func: nodes.FunctionDef | nodes.Lambda) -> None:
        return

    def find_statements(self, statements: list[nodes.NodeNG]) -> list[Mutation]:
        for statement in statements:
            self.aliases.update(free_name_roots(statement))
            self.aliases.update(instance_attribute_roots(statement, self.context))
            self._visit(statement)
        return unrestored(self.mutations)


def top_level_changes(module: nodes.Module, lines: set[int], context: Context) -> list[Mutation]:
    """The changes the module's top-level statements at ``lines`` make to state outside it."""
    statements = [s for s in module.body if s.lineno in lines]
    if not statements:
        return []
    finder = TopLevelFinder(context)
    return [m for m in finder.find_statements(statements)
            if not m.restoring and m.code != UNDO and not is_reset(m) and not is_context_local(m)
            and not _is_own(m, module.name) and not m.key.startswith(_RESTORED_AFTER_COLLECTION)]


def _is_own(mutation: Mutation, module: str) -> bool:
    """A global, object or class of the test module itself (or a class attribute of its class)."""
    source = mutation.origin.source
    return isinstance(source, ModuleObject) and source.kind in _OWN_KINDS and (
        not source.qualified or source.qualified.startswith(module + "."))


# The changes a project module's top level makes outside itself, per file version.
_IMPORT_TIME: dict[tuple[str, Stamp | None], list[Mutation]] = {}


def import_time_changes(name: str, path: str, context: Context) -> list[Mutation]:
    """What importing the project module ``name`` (at ``path``) for the first time changes outside
    it: its top-level statements that run at import, walked as a test module's are."""
    key = (path, file_stamp(path))
    if key not in _IMPORT_TIME:
        _IMPORT_TIME[key] = []  # an import cycle finds nothing the second time round
        module = BUILT.parse_file(path)
        if module is not None and module.name == name:
            _IMPORT_TIME[key] = top_level_changes(module, _import_time_lines(path), context)
    return _IMPORT_TIME[key]


def _import_time_lines(path: str) -> set[int]:
    try:
        with open(path, "rb") as handle:
            tree = ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return set()
    return {statement.lineno for statement in tree.body if runs_at_collection(statement)}
