"""The registry of codes: one entry per code, with its message template."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

_SHARED_VALUE = (
    "{action} mutates '{target}', the value of {scope}-scoped fixture '{fixture}' "
    "({location}); later tests see the change: {remedy}"
)
_COPY_OR_NARROW = "copy it in a function-scoped fixture or narrow the scope"


@dataclass(frozen=True)
class Rule:
    code: str
    symbol: str
    template: str
    on_by_default: bool

    def format(self, **fields: Any) -> str:
        return f"{self.code} {self.template.format(**fields)}"


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("FXS001", "broad-fixture-item-mutation", _SHARED_VALUE, True),
        Rule("FXS002", "broad-fixture-method-mutation", _SHARED_VALUE, True),
        Rule("FXS003", "broad-fixture-attribute-mutation", _SHARED_VALUE, True),
        Rule(
            "FXS004",
            "parametrize-value-mutation",
            "{action} mutates '{target}', a value of parametrize argument '{argument}' "
            "(line {line}), built once and shared by every run: copy it in the test",
            False,
        ),
        Rule(
            "FXS010",
            "fixture-scope-mismatch",
            "{consumer_scope}-scoped fixture '{consumer}' requests '{fixture}', a "
            "{scope}-scoped fixture ({location}); pytest fails with ScopeMismatch: {remedy}",
            True,
        ),
        Rule(
            "FXS011",
            "broad-fixture-mutable-value",
            "{scope}-scoped fixture '{fixture}' hands out a mutable {kind}; any test can "
            "change it for the tests after: hand out a copy or an immutable value",
            False,
        ),
        Rule(
            "FXS020",
            "module-state-not-restored",
            "{action} changes module-level '{target}' and nothing restores it; later tests "
            "see the change: {remedy}",
            True,
        ),
        Rule(
            "FXS021",
            "patch-never-stopped",
            "{what}; the patch leaks into later tests: {remedy}",
            True,
        ),
        Rule(
            "FXS022",
            "broad-fixture-module-state",
            "{scope}-scoped fixture '{fixture}' ({location}) changes module-level '{target}' "
            "({action}); even if its teardown restores it, every test that runs after its first "
            "use sees the change until the {scope} ends, requested or not: {remedy}",
            True,
        ),
        Rule(
            "FXS023",
            "module-state-restore-not-exception-safe",
            "{action} changes module-level '{target}' and line {line} puts it back, but not in a "
            "finally block: if the test fails before that line, later tests see the change: "
            "{remedy}",
            False,
        ),
        Rule(
            "FXS030",
            "broad-fixture-unclosed-resource",
            "{scope}-scoped fixture '{fixture}' returns {what} that needs closing, with no "
            "teardown: yield it and close it after the yield",
            False,
        ),
    )
}

OFF_BY_DEFAULT: tuple[str, ...] = tuple(code for code, rule in RULES.items() if not rule.on_by_default)
COPY_OR_NARROW = _COPY_OR_NARROW


# The rule families, and the codes each reports: a family runs only when flake8 will report
# one of its codes.
FAMILY_CODES: dict[str, tuple[str, ...]] = {
    "shared values": ("FXS001", "FXS002", "FXS003"),
    "parametrize values": ("FXS004",),
    "scope mismatches": ("FXS010",),
    "mutable handouts": ("FXS011",),
    "unclosed resources": ("FXS030",),
    "module state": ("FXS020", "FXS022", "FXS023"),
    "patches": ("FXS021",),
}
ALL_FAMILIES = frozenset(FAMILY_CODES)


def families_reporting(selected: Iterable[str]) -> frozenset[str]:
    codes = set(selected)
    return frozenset(family for family, family_codes in FAMILY_CODES.items() if codes & set(family_codes))
