"""Which fixture a name means for a consumer, resolved the way pytest does, nearest first."""

from __future__ import annotations

import logging
import os
import weakref
from collections.abc import Iterator, Mapping

import astroid
from astroid import nodes

from .fixtures import Fixture, Scope, read_fixtures
from .known import BUILTIN_SCOPES
from .project import PROJECT, ProjectFiles

LOG = logging.getLogger("flake8.fixture_scope")
_MAX_PLUGIN_DEPTH = 8

# Fixtures each parsed module registers (its own, imported by name, from its pytest_plugins).
_REGISTRY: weakref.WeakKeyDictionary[
    nodes.Module, tuple[list[dict[str, Fixture]], tuple[nodes.Module, ...]]
] = (
    weakref.WeakKeyDictionary()
)


def module_levels(module: nodes.Module, project: ProjectFiles, seen: frozenset[str] = frozenset()
                  ) -> list[dict[str, Fixture]]:
    """The fixture tables a module contributes, highest priority first.

    Cached on the module object, and thrown away when any module it read fixtures from was
    edited since (an editor's long-lived process); tables cut short by an import cycle are
    not cached.
    """
    cached = _REGISTRY.get(module)
    if cached is not None and all(project.is_current(dependency) for dependency in cached[1]):
        return cached[0]
    levels, dependencies = _collect_levels(module, project, seen | {module.file or ""})
    if not seen:
        _REGISTRY[module] = (levels, dependencies)
    return levels


def _collect_levels(module: nodes.Module, project: ProjectFiles, seen: frozenset[str]
                    ) -> tuple[list[dict[str, Fixture]], tuple[nodes.Module, ...]]:
    path = module.file or ""
    dependencies: list[nodes.Module] = []
    imported: dict[str, Fixture] = {}
    for statement in module.body:
        if not isinstance(statement, nodes.ImportFrom):
            continue
        source = _project_module(statement, module, project)
        if source is None or (source.file or "") in seen:
            continue
        dependencies.append(source)
        names = {name for name, _alias in statement.names}
        for table in module_levels(source, project, seen)[:2]:
            for fixture in table.values():
                if "*" in names or (fixture.node is not None and fixture.node.name in names):
                    imported.setdefault(fixture.name, fixture)
    levels = [read_fixtures(module, path), imported]
    for plugin in _plugin_modules(module, project):
        plugin_path = plugin.file or ""
        if plugin_path not in seen and len(seen) < _MAX_PLUGIN_DEPTH:
            dependencies.append(plugin)
            levels.extend(module_levels(plugin, project, seen))
    return levels, tuple(dependencies)


def _project_module(statement: nodes.ImportFrom, module: nodes.Module, project: ProjectFiles
                    ) -> nodes.Module | None:
    if statement.level:
        folder = os.path.dirname(module.file or "")
        for _ in range(statement.level - 1):
            folder = os.path.dirname(folder)
        base = os.path.join(folder, *statement.modname.split(".")) if statement.modname else folder
        candidates = [base + ".py", os.path.join(base, "__init__.py")]
        path = next((c for c in candidates if os.path.isfile(c)), None)
    else:
        path = project.find_module_file(statement.modname)
    return project.parse_file(path) if path else None


def _plugin_modules(module: nodes.Module, project: ProjectFiles) -> Iterator[nodes.Module]:
    for name in plugin_names(module):
        path = project.find_module_file(name)
        if path:
            parsed = project.parse_file(path)
            if parsed is not None:
                yield parsed
            continue
        try:
            yield astroid.MANAGER.ast_from_module_name(name)
        except (astroid.AstroidError, RecursionError, OSError, SyntaxError, ValueError):
            LOG.debug("fixture-scope: plugin module %s not found", name)


def plugin_names(module: nodes.Module) -> list[str]:
    """Module names listed in the module's ``pytest_plugins``."""
    names: list[str] = []
    for statement in module.body:
        if not isinstance(statement, (nodes.Assign, nodes.AnnAssign)):
            continue
        targets = statement.targets if isinstance(statement, nodes.Assign) else [statement.target]
        if not any(isinstance(t, nodes.AssignName) and t.name == "pytest_plugins" for t in targets):
            continue
        value = statement.value
        elements = value.elts if isinstance(value, (nodes.List, nodes.Tuple, nodes.Set)) else [value]
        names.extend(e.value for e in elements if isinstance(e, nodes.Const) and isinstance(e.value, str))
    return names


def class_levels(cls: nodes.ClassDef, path: str) -> list[dict[str, Fixture]]:
    """Fixtures of a test class, its bases, then the classes it is nested in."""
    levels = [read_fixtures(cls, path)]
    try:
        ancestors = list(cls.ancestors())
    except (astroid.AstroidError, RecursionError):
        ancestors = []
    for base in ancestors[:10]:
        if base.root().name != "builtins":
            levels.append(read_fixtures(base, base.root().file or path))
    outer = cls.parent.scope() if cls.parent is not None else None
    if isinstance(outer, nodes.ClassDef):
        levels.extend(class_levels(outer, path))
    return levels


class FixtureResolver:
    """Fixture lookup for one checked file."""

    def __init__(self, module: nodes.Module, path: str, configured: Mapping[str, Scope],
                 project: ProjectFiles = PROJECT) -> None:
        self.module = module
        self.path = os.path.abspath(path)
        self.project = project
        self._configured = configured
        self._outer_levels: list[dict[str, Fixture]] | None = None

    def resolve(self, name: str, cls: nodes.ClassDef | None = None,
                requester: Fixture | None = None) -> Fixture | None:
        """The definition pytest would hand ``name`` to a consumer in ``cls`` (or the module).

        A fixture requesting its own name gets the next outer definition.
        """
        skipping = requester is not None and requester.name == name
        for fixture in self.candidates(name, cls):
            if skipping:
                skipping = fixture != requester
                continue
            return fixture
        return None

    def candidates(self, name: str, cls: nodes.ClassDef | None) -> Iterator[Fixture]:
        levels = class_levels(cls, self.path) if cls is not None else []
        for level in levels + self._file_and_conftest_levels():
            if name in level:
                yield level[name]
        if name in BUILTIN_SCOPES:
            yield Fixture(name, BUILTIN_SCOPES[name], "<pytest built-in>", 0)
        if name in self._configured:
            yield Fixture(name, self._configured[name], "<fxs-fixture-scopes>", 0)

    def outer_levels(self) -> list[dict[str, Fixture]]:
        """Fixtures of the file (with its imports and plugins), then of each conftest, nearest first."""
        return self._file_and_conftest_levels()

    def _file_and_conftest_levels(self) -> list[dict[str, Fixture]]:
        if self._outer_levels is None:
            levels = list(module_levels(self.module, self.project))
            for conftest in self.project.conftest_paths(self.path):
                if os.path.abspath(conftest) == self.path:
                    continue
                parsed = self.project.parse_file(conftest)
                if parsed is not None:
                    levels.extend(module_levels(parsed, self.project))
            self._outer_levels = levels
        return self._outer_levels
