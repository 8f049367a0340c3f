"""From the fixture index back to astroid: the ``def`` of a fixture, built only when a
question about it needs inference."""

from __future__ import annotations

import os

from astroid import nodes

from .consumers import class_key
from ..model.fixture import Fixture
from ..model.index import ModuleIndex
from .build import BUILT


class Definitions:
    """Fixture ``def`` nodes for one checked file: its own from its tree, others built on demand."""

    def __init__(self, module: nodes.Module, index: ModuleIndex) -> None:
        self.module = module
        self.path = os.path.abspath(index.path)
        self._by_place = {
            (fixture.owner, fixture.line): fixture
            for fixtures in [index.fixtures, *(c.fixtures for c in index.classes.values())]
            for fixture in fixtures.values()
        }

    def fixture_at(self, func: nodes.FunctionDef) -> Fixture | None:
        """The fixture ``func`` of the checked file defines, or None."""
        owner = func.parent if isinstance(func.parent, nodes.ClassDef) else None
        return self._by_place.get((class_key(owner) or "", func.lineno or 0))

    def node_of(self, fixture: Fixture) -> nodes.FunctionDef | None:
        """The fixture's function, or None when it is built in or its file cannot be built."""
        if not fixture.is_readable:
            return None
        if os.path.abspath(fixture.path) == self.path:
            module: nodes.Module | None = self.module
        else:
            module = BUILT.parse_file(fixture.path)
        if module is None:
            return None
        container: nodes.Module | nodes.ClassDef = module
        for part in fixture.owner.split(".") if fixture.owner else []:
            found = next((s for s in container.body
                          if isinstance(s, nodes.ClassDef) and s.name == part), None)
            if found is None:
                return None
            container = found
        return next((s for s in container.body if isinstance(s, nodes.FunctionDef)
                     and s.name == fixture.function and s.lineno == fixture.line), None)
