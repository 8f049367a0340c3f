"""Which fixture a name means for a consumer, resolved the way pytest does, nearest first:
the consumer's class (and its bases, then the classes around it), its module (with what it
imports by name and its ``pytest_plugins``), each conftest up to the rootdir, the built-in
table, then the configured scopes. Everything comes from the fixture index."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

from ..known import BUILTIN_SCOPES
from ..project import PROJECT, ProjectFiles
from .fixture import Fixture, Scope
from .index import ClassInfo, Level, ModuleIndex, file_levels, index_file, module_file, module_levels

_MAX_ANCESTORS = 10
BUILT_IN = "<pytest built-in>"
CONFIGURED = "<fxs-fixture-scopes>"


class FixtureResolver:
    """Fixture lookup for one checked file, whose index is built from flake8's tree."""

    def __init__(self, index: ModuleIndex, configured: Mapping[str, Scope],
                 project: ProjectFiles = PROJECT) -> None:
        self.index = index
        self.path = os.path.abspath(index.path)
        self.project = project
        self._configured = configured
        self._outer: list[Level] | None = None
        self._class_levels: dict[str, list[Level]] = {}

    def resolve(self, name: str, cls: str | None = None, requester: Fixture | None = None
                ) -> Fixture | None:
        """The definition pytest hands ``name`` in class ``cls`` (dotted, "" or None: module level).

        A fixture requesting its own name gets the next outer definition.
        """
        skipping = requester is not None and requester.name == name
        for fixture in self.candidates(name, cls):
            if skipping:
                skipping = fixture != requester
                continue
            return fixture
        return None

    def candidates(self, name: str, cls: str | None) -> Iterator[Fixture]:
        for level in [*self.class_levels(cls), *self.outer_levels()]:
            if name in level:
                yield level[name]
        if name in BUILTIN_SCOPES:
            yield Fixture(name, BUILTIN_SCOPES[name], BUILT_IN, 0)
        if name in self._configured:
            yield Fixture(name, self._configured[name], CONFIGURED, 0)

    def visible(self, cls: str | None) -> Iterator[Fixture]:
        """Every fixture a consumer in ``cls`` can see, nearest first (shadowed ones too)."""
        for level in [*self.class_levels(cls), *self.outer_levels()]:
            yield from level.values()

    def outer_levels(self) -> list[Level]:
        """Fixtures of the file (with its imports and plugins), then of each conftest, nearest first."""
        if self._outer is None:
            levels = list(module_levels(self.index, self.project))
            for conftest in self.project.conftest_paths(self.path):
                if os.path.abspath(conftest) != self.path:
                    levels.extend(file_levels(conftest, self.project))
            self._outer = levels
        return self._outer

    def class_levels(self, cls: str | None) -> list[Level]:
        if not cls:
            return []
        if cls not in self._class_levels:
            self._class_levels[cls] = list(_class_levels(self.index, cls, self.project))
        return self._class_levels[cls]


def _class_levels(index: ModuleIndex, cls: str, project: ProjectFiles) -> Iterator[Level]:
    """A class's fixtures, its bases', then those of the classes it is nested in."""
    info = index.classes.get(cls)
    if info is not None:
        yield info.fixtures
        for ancestor in ancestors(index, info, project):
            yield ancestor.fixtures
    outer, dot, _name = cls.rpartition(".")
    if dot:
        yield from _class_levels(index, outer, project)


def ancestors(index: ModuleIndex, info: ClassInfo, project: ProjectFiles = PROJECT) -> list[ClassInfo]:
    """The classes ``info`` derives from that the linter can read, depth first, bounded."""
    found: list[ClassInfo] = []
    pending = [(index, base) for base in info.bases]
    seen: set[tuple[str, str]] = set()
    while pending and len(found) < _MAX_ANCESTORS:
        owner, base = pending.pop(0)
        located = _base_class(owner, base, project)
        if located is None or (located[0].path, located[1].name) in seen:
            continue
        seen.add((located[0].path, located[1].name))
        found.append(located[1])
        pending[:0] = [(located[0], b) for b in located[1].bases]
    return found


def base_names(index: ModuleIndex, info: ClassInfo, project: ProjectFiles = PROJECT) -> list[str]:
    """How the class's bases and their readable ancestors' bases are spelled."""
    names = list(info.bases)
    for ancestor in ancestors(index, info, project):
        names.extend(ancestor.bases)
    return names


def _base_class(index: ModuleIndex, base: str, project: ProjectFiles
                ) -> tuple[ModuleIndex, ClassInfo] | None:
    if base in index.classes:
        return index, index.classes[base]
    module, dot, name = base.rpartition(".")
    if not dot:
        return None
    path = module_file(module, index.path, project)
    other = index_file(path, project) if path else None
    if other is None or name not in other.classes:
        return None
    return other, other.classes[name]
