"""Calls that go to a mock: ``os.chdir(p)`` inside ``with mock.patch("os.chdir"):``, under
``@mock.patch("os.chdir")``, or after ``mocker.patch("os.chdir")`` / ``monkeypatch.setattr(os,
"chdir", fake)`` in the same function. The patched function is not run, so nothing it would
change is changed.

A patch replaces an attribute of its owner: a call reaches the mock only through that attribute
(``os.chdir(p)``, ``o.chdir(p)`` after ``import os as o``), not through a name imported from the
owner before the patch (``from os import chdir``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from astroid import nodes

from .inference import infer_constant
from .names import dotted, qualified_name
from .restore_syntax import is_patching

# ``mock.patch("os.chdir")``, ``monkeypatch.setattr("os.chdir", f)``
_BY_STRING = frozenset({"patch", "setattr"})
# ``patch.object(os, "chdir")``, ``monkeypatch.setattr(os, "chdir", f)``
_BY_OWNER = frozenset({"object", "setattr"})
_TEST_PREFIX = "test"  # what a class decorator ``@mock.patch`` applies to (``patch.TEST_PREFIX``)


@dataclass(frozen=True)
class Mocked:
    """A replaced function, by the names it is reached by, and the lines where calls reach the mock."""

    names: frozenset[str]
    first: int
    last: int | None  # None: to the end of the function


def mocks_in(func: nodes.FunctionDef) -> list[Mocked]:
    """The patches active in parts of ``func``: its (and its class's) decorators, ``with`` blocks and
    earlier patching calls of its own."""
    found: list[Mocked] = []
    end = func.tolineno
    for decorator in _patch_decorators(func):
        found.extend(Mocked(names, func.fromlineno, end) for names in _replaced(decorator))
    context_calls: set[nodes.Call] = set()
    for block in func.nodes_of_class((nodes.With, nodes.AsyncWith)):
        for expr, _var in block.items:
            if isinstance(expr, nodes.Call) and is_patching(expr):
                context_calls.add(expr)
                found.extend(Mocked(names, block.body[0].fromlineno, block.tolineno)
                             for names in _replaced(expr))
    for call in func.nodes_of_class(nodes.Call):
        if call not in context_calls and call.scope() is func and is_patching(call):
            found.extend(Mocked(names, call.lineno or 0, None) for names in _replaced(call))
    return found


def goes_to_a_mock(call: nodes.Call, mocks: list[Mocked]) -> bool:
    if not mocks or not isinstance(call.func, nodes.Attribute):
        return False
    reached = {name for name in (qualified_name(call.func), dotted(call.func)) if name}
    line = call.lineno or 0
    return any(m.first <= line and (m.last is None or line <= m.last) and reached & m.names for m in mocks)


def _patch_decorators(func: nodes.FunctionDef) -> Iterator[nodes.Call]:
    owners: list[nodes.FunctionDef | nodes.ClassDef] = [func]
    if isinstance(func.parent, nodes.ClassDef) and func.name.startswith(_TEST_PREFIX):
        owners.append(func.parent)
    for owner in owners:
        for decorator in owner.decorators.nodes if owner.decorators else []:
            if isinstance(decorator, nodes.Call) and is_patching(decorator):
                yield decorator


def _replaced(call: nodes.Call) -> Iterator[frozenset[str]]:
    """The names of each function a patching call replaces (none for ``patch.dict`` and the like)."""
    func = call.func
    method = func.attrname if isinstance(func, nodes.Attribute) else getattr(func, "name", "")
    args = list(call.args)
    first = infer_constant(args[0]) if args else None
    if method in _BY_STRING and isinstance(first, str):
        if "." in first:
            yield frozenset({first})
        return
    if method in _BY_OWNER and len(args) > 1:
        attr = infer_constant(args[1])
        if isinstance(attr, str):
            yield _attribute_names(args[0], attr)
        return
    if method == "multiple" and args:  # ``patch.multiple(os, chdir=DEFAULT)``, ``patch.multiple("os", ...)``
        for keyword in call.keywords or ():
            if keyword.arg:
                yield (frozenset({f"{first}.{keyword.arg}"}) if isinstance(first, str)
                       else _attribute_names(args[0], keyword.arg))


def _attribute_names(owner: nodes.NodeNG, attr: str) -> frozenset[str]:
    return frozenset(f"{name}.{attr}" for name in (qualified_name(owner), dotted(owner)) if name)
