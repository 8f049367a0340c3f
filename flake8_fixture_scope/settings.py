"""The ``fxs-*`` options: registration with flake8 and parsing into one frozen value."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .model.fixture import Scope
from .known import MUTATION_ALLOWED

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DEFAULT_BROAD = frozenset({Scope.CLASS, Scope.MODULE, Scope.PACKAGE, Scope.SESSION})


class OptionError(SystemExit):
    """A bad option value: flake8 stops with this message, no traceback."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"flake8-fixture-scope: bad value for --{option}: {problem}")


@dataclass(frozen=True)
class Settings:
    fixture_scopes: Mapping[str, Scope] = field(default_factory=lambda: MappingProxyType({}))
    mutating_methods: frozenset[str] = frozenset()
    broad_scopes: frozenset[Scope] = _DEFAULT_BROAD
    allow_mutation: frozenset[str] = MUTATION_ALLOWED
    families: frozenset[str] = frozenset(
        {"shared values", "parametrize values", "scope mismatches", "mutable handouts",
         "unclosed resources", "module state", "patches"}
    )  # the rule families whose codes flake8 will report


def register_options(option_manager: Any) -> None:
    common = {"parse_from_config": True, "comma_separated_list": True, "default": []}
    option_manager.add_option(
        "--fxs-fixture-scopes",
        metavar="NAME=SCOPE,...",
        help="Scopes of fixtures the linter cannot read, e.g. 'db=session,app=module'.",
        **common,
    )
    option_manager.add_option(
        "--fxs-mutating-methods",
        metavar="NAME,...",
        help="Extra method names treated as mutating on shared values of unknown type "
        "(FXS001-FXS004).",
        **common,
    )
    option_manager.add_option(
        "--fxs-broad-scopes",
        metavar="SCOPE,...",
        help="Scopes whose fixture values count as shared (default: class,module,package,session).",
        **common,
    )
    option_manager.add_option(
        "--fxs-allow-mutation",
        metavar="NAME,...",
        help="Fixtures whose values tests may change, added to the built-in list.",
        **common,
    )


def parse_settings(options: Any) -> Settings:
    return Settings(
        fixture_scopes=MappingProxyType(_parse_scopes(_items(options, "fxs_fixture_scopes"))),
        mutating_methods=_identifiers(_items(options, "fxs_mutating_methods"), "fxs-mutating-methods"),
        broad_scopes=_broad_scopes(_items(options, "fxs_broad_scopes")),
        allow_mutation=MUTATION_ALLOWED
        | _identifiers(_items(options, "fxs_allow_mutation"), "fxs-allow-mutation"),
    )


def _items(options: Any, attribute: str) -> list[str]:
    value = getattr(options, attribute, None) or []
    if isinstance(value, str):
        value = value.split(",")
    return [item.strip() for item in value if item and item.strip()]


def _parse_scopes(items: Sequence[str]) -> dict[str, Scope]:
    scopes: dict[str, Scope] = {}
    for item in items:
        name, separator, scope_text = item.partition("=")
        scope = Scope.parse(scope_text)
        if not separator or not _IDENTIFIER.match(name.strip()) or scope is None:
            raise OptionError(
                "fxs-fixture-scopes",
                f"{item!r} is not NAME=SCOPE with SCOPE one of function, class, module, "
                "package, session",
            )
        scopes[name.strip()] = scope
    return scopes


def _identifiers(items: Sequence[str], option: str) -> frozenset[str]:
    for item in items:
        if not _IDENTIFIER.match(item):
            raise OptionError(option, f"{item!r} is not a Python identifier")
    return frozenset(items)


def _broad_scopes(items: Sequence[str]) -> frozenset[Scope]:
    if not items:
        return _DEFAULT_BROAD
    scopes = {Scope.parse(item) for item in items}
    if None in scopes or Scope.FUNCTION in scopes:
        raise OptionError(
            "fxs-broad-scopes", f"{','.join(items)!r}: use class, module, package or session"
        )
    return frozenset(s for s in scopes if s is not None)
