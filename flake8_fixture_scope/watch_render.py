"""Text for what changed: short, repr-like renderings of fingerprints and live objects."""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Any

from flake8_fixture_scope.watch_fingerprint import (
    ABSENT, PRIMITIVES, Bounds, Change, Counters, Fingerprinter, is_atomic, is_looked_into, is_mock,
)


@dataclass(frozen=True)
class Changed:
    """A thing a test left changed: the name shown to users, the code, both sides as text."""

    thing: str
    code: str
    before: str
    after: str
    fixture: str = ""
    scope: str = ""


def from_change(thing: str, change: Change, code: str | None = None,
                fixture: str = "", scope: str = "") -> Changed:
    before, after = render_pair(change.before, change.after)
    if code is None:
        code = {"item": "FXS001", "attr": "FXS003"}.get(change.kind, "FXS002")
    return Changed(thing + change.path, code, before, after, fixture, scope)


def short(value: object, limit: int = 40) -> str:
    """Text for a live object, without running its own ``__repr__`` unless it is a primitive."""
    if value is ABSENT:
        return "<absent>"
    if isinstance(value, types.ModuleType):
        return f"<module {value.__name__}>"
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType, types.MethodType)):
        return f"<{type(value).__name__} {getattr(value, '__qualname__', '?')}>"[:limit]
    if is_mock(value) or not (type(value) in PRIMITIVES or is_looked_into(value)):
        return f"<{type(value).__name__}>"[:limit]
    small = Fingerprinter(Bounds(depth=2, elements=8, nodes=40), Counters(), lambda tp: False)
    return render(small.of(value), limit)


def render(fp: Any, limit: int = 40) -> str:
    """A short, repr-like text for a fingerprint (or a primitive), at most ``limit`` characters."""
    text = _render(fp, limit)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _render(fp: Any, limit: int) -> str:
    if type(fp) is not tuple:
        if type(fp) not in PRIMITIVES:
            return f"<{type(fp).__name__} {getattr(fp, '__qualname__', getattr(fp, '__name__', '?'))}>"
        return repr(fp)[: limit + 1]
    tag = fp[0]
    if tag == "A":
        return "<absent>"
    if tag == "R":
        return "<shared>"
    name = getattr(fp[1], "__name__", "?")
    if tag == "L":
        opening, closing = ("[", "]") if issubclass(fp[1], list) else ("(", ")")
        return opening + _join([_render(x, limit) for x in fp[4]], fp[3], limit) + closing
    if tag == "D":
        parts = [f"{_render(k, limit)}: {_render(v, limit)}" for k, v in fp[4].items()]
        return "{" + _join(parts, fp[3], limit) + "}"
    if tag == "S":
        if fp[4] is None:
            return f"<{name} of {fp[3]}>"
        return "{" + _join(sorted(_render(x, limit) for x in fp[4]), fp[3], limit) + "}"
    if tag == "B":
        return f"bytearray({fp[4]!r})" if fp[4] is not None else f"<bytearray of {fp[3]}>"
    if tag == "M":
        return f"<{name}, {fp[3]} calls>"
    if tag == "T":
        return "(" + _join([_render_raw(x, limit) for x in fp[3]], len(fp[3]), limit) + ")"
    return f"<{name}>"


def _render_raw(value: Any, limit: int) -> str:
    if type(value) is tuple:
        return "(" + _join([_render_raw(x, limit) for x in value], len(value), limit) + ")"
    return _render(value if is_atomic(value) else ("X", type(value), id(value)), limit)


def _join(parts: list[str], length: int, limit: int) -> str:
    shown: list[str] = []
    used = 0
    for part in parts:
        if used > limit:
            break
        shown.append(part)
        used += len(part) + 2
    if len(shown) < length:
        shown.append("…")
    return ", ".join(shown)


def render_pair(before: Any, after: Any, limit: int = 40) -> tuple[str, str]:
    """Both sides of a change; for sequences that differ in length, the part that differs."""
    if (type(before) is tuple and type(after) is tuple and before[0] == after[0] == "L"
            and len(_render(before, limit)) + len(_render(after, limit)) > 2 * limit):
        xs, ys = before[4], after[4]
        start = 0
        while start < min(len(xs), len(ys)) and _safe_eq(xs[start], ys[start]):
            start += 1
        end = 0
        while (end < min(len(xs), len(ys)) - start
               and _safe_eq(xs[len(xs) - 1 - end], ys[len(ys) - 1 - end])):
            end += 1
        return _middle(before, start, end, limit), _middle(after, start, end, limit)
    return render(before, limit), render(after, limit)


def _safe_eq(x: Any, y: Any) -> bool:
    try:
        return bool(x is y or x == y)
    except Exception:
        return False


def _middle(fp: Any, start: int, end: int, limit: int) -> str:
    items = fp[4][start: len(fp[4]) - end]
    parts = (["…"] if start else []) + [_render(x, limit) for x in items] + (["…"] if end else [])
    text = "[" + ", ".join(parts) + "]"
    return text if len(text) <= limit else text[: limit - 1] + "…"
