"""What a walk finds: where a tracked value comes from, what changes it, and the walk's context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from astroid import nodes


@dataclass(frozen=True)
class Origin:
    """Where a tracked value comes from, as an expression text rooted at its source."""

    path: str
    source: object = field(compare=False)
    fresh: bool = False  # a shallow copy: the outer object is new, what it holds is shared
    # Members of a copy given values of their own (``{**x, "users": []}``, ``c["k"] = []``, a
    # readable ``copy()`` that sets ``new.rows = self.rows``): the suffix and what it holds now,
    # None for a new value nothing tracked is part of.
    given: tuple[tuple[str, Origin | None], ...] = field(default=(), compare=False)
    new_below: bool = field(default=False, compare=False)  # every other member is a copy too

    def part(self, suffix: str) -> Origin:
        return Origin(self.path + suffix, self.source)

    def member(self, suffix: str) -> Origin | None:
        """What ``value<suffix>`` holds: what a copy gave it, else the shared part."""
        for key, held in reversed(self.given):
            if key == suffix:
                return held
        return self.part(suffix).copied() if self.new_below else self.part(suffix)

    def copied(self) -> Origin:
        return replace(self, fresh=True)

    def giving(self, suffix: str, held: Origin | None) -> Origin:
        """This copy with ``suffix`` given a value of its own (only a copy's members are its own)."""
        return replace(self, given=(*self.given, (suffix, held))) if self.fresh else self


@dataclass(frozen=True)
class Mutation:
    code: str
    node: nodes.NodeNG
    action: str
    origin: Origin
    key: str
    restoring: bool = False
    # For a call into a helper: the innermost mutation, its function and its place.
    site_action: str = ""
    site_function: str = ""
    site_where: str = ""
    # The argument a call passed for the key or element the change is about (``"a"`` for
    # ``register("a")``): a removal through a call undoes an addition of the same argument only.
    argument: str = ""
    # A creation-order counter the change increments (its name): see ``counters``.
    counter: str = ""


@dataclass
class Context:
    """What a walk needs from outside: settings and callbacks for fixture lookups."""

    mutating_methods: frozenset[str] = frozenset()
    extra_origin: Callable[[nodes.Call], Origin | None] = lambda call: None
    is_project_file: Callable[[str], bool] = lambda path: False
    is_project_module: Callable[[str], bool] = lambda name: True
    active: set[nodes.FunctionDef] = field(default_factory=set)


@dataclass(frozen=True)
class ModuleObject:
    """The source of a module-state origin: a name and what binds it at module level."""

    name: str
    kind: str  # "module", "import", "class", "object" or "global"
    qualified: str = ""  # the dotted name an import gives it: ``flask.g`` for ``from flask import g``
