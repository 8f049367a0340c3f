"""Scopes and fixture definitions as plain data."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Scope(enum.IntEnum):
    FUNCTION = 0
    CLASS = 1
    MODULE = 2
    PACKAGE = 3
    SESSION = 4

    @classmethod
    def parse(cls, text: object) -> Scope | None:
        if isinstance(text, str):
            return cls.__members__.get(text.strip().upper())
        return None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Fixture:
    """One fixture definition. ``scope`` is None when it cannot be read without running code.

    ``function`` and ``owner`` (the dotted name of the class it is defined in, "" at module
    level) find its ``def`` again; ``params`` are the fixtures it requests.
    """

    name: str
    scope: Scope | None
    path: str
    line: int
    autouse: bool = False
    loop_scope: Scope | None = None
    function: str = field(default="", compare=False)
    owner: str = field(default="", compare=False)
    params: tuple[str, ...] = field(default=(), compare=False, repr=False)
    hands_out_module_state: bool = field(default=False, compare=False, repr=False)  # ``return PARAMETERS``

    @property
    def is_readable(self) -> bool:
        """Defined in a file the linter read (not a built-in or a configured scope)."""
        return not self.path.startswith("<")
