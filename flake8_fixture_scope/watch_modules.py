"""The project's own modules: their globals and their classes' attributes.

A module is the project's when its file is under the rootdir and outside any installed
environment. One capture covers all of them at once, so that the usual case, nothing changed,
costs a few comparisons made in C: every global and class attribute by identity, and a
fingerprint of the data among them (containers and objects of the project's classes).
"""

from __future__ import annotations

import fnmatch
import operator
import os
import sys
import types
from dataclasses import dataclass
from itertools import chain
from typing import Any, Iterator

from flake8_fixture_scope.watch_fingerprint import (
    ABSENT, Fingerprinter, diff, is_cache, is_looked_into, is_mock,
)
from flake8_fixture_scope.watch_render import Changed, from_change, short

_values_of = operator.methodcaller("values")


@dataclass
class ModulePlan:
    """A project module and what of it is fingerprinted (its data) besides identities."""

    name: str
    module: Any
    is_test: bool
    data: list[str]
    classes: list[tuple[str, type, list[str]]]


def _data_names(namespace: dict[str, Any], caches: bool) -> list[str]:
    return [name for name, value in namespace.items()
            if not (name.startswith("__") and name.endswith("__")) and is_looked_into(value)
            and (caches or not is_cache(name))]


def _ignored(name: str, old: object, new: object, caches: bool) -> bool:
    if name.startswith("__") and name.endswith("__"):
        return True
    if isinstance(new, types.ModuleType) and (old is ABSENT or old is None):
        return True  # a submodule imported, or a module imported lazily into a global
    return (old is None and name.startswith("_")) or (not caches and is_cache(name))


class ProjectModules:
    """The modules whose file is under the rootdir and outside any installed environment."""

    def __init__(self, rootdir: str, test_patterns: list[str], caches: bool = False) -> None:
        self._caches = caches
        self._root = os.path.join(os.path.realpath(rootdir), "")
        self._outside = tuple(os.path.join(os.path.realpath(p), "") for p in
                              {sys.prefix, sys.exec_prefix, sys.base_prefix} if p)
        self._patterns = test_patterns  # conftests are shared: watched like the project's modules
        self._decided: dict[str, tuple[object, ModulePlan | None]] = {}
        self._count = -1
        self._plans: list[ModulePlan] = []
        self.names: set[str] = set()

    def _decide(self, name: str, module: object) -> ModulePlan | None:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or name.startswith("flake8_fixture_scope.watch"):
            return None
        path = os.path.realpath(path)
        if (not path.startswith(self._root) or "site-packages" in path or "dist-packages" in path
                or any(path.startswith(p) and not self._root.startswith(p) for p in self._outside)):
            return None
        base = os.path.basename(path)
        plan = ModulePlan(name, module, any(fnmatch.fnmatch(base, p) for p in self._patterns), [], [])
        self.refresh(plan)
        return plan

    def refresh(self, plan: ModulePlan) -> None:
        namespace = vars(plan.module)
        plan.data = _data_names(namespace, self._caches)
        plan.classes = [(name, value, _data_names(dict(vars(value)), self._caches))
                        for name, value in namespace.items()
                        if isinstance(value, type) and value.__module__ == plan.name
                        and not name.startswith("__")]

    def plans(self) -> list[ModulePlan]:
        if len(sys.modules) != self._count:
            plans = []
            for name, module in list(sys.modules.items()):
                known = self._decided.get(name)
                if known is None or known[0] is not module:
                    known = (module, self._decide(name, module))
                    self._decided[name] = known
                if known[1] is not None:
                    plans.append(known[1])
            self._plans = plans
            self.names = {plan.name for plan in plans}
            self._count = len(sys.modules)
        return self._plans


@dataclass(frozen=True)
class Capture:
    """Namespaces flattened: their owners' names, lengths, keys and values, and data fingerprints."""

    owners: tuple[str, ...]
    lengths: list[int]
    keys: list[Any]
    values: list[Any]
    data: dict[tuple[str, str], Any]

    def same_objects(self, other: Capture) -> bool:
        return (self.owners == other.owners and self.lengths == other.lengths
                and all(map(operator.is_, self.values, other.values))
                and all(map(operator.is_, self.keys, other.keys)))

    def namespaces(self) -> dict[str, dict[Any, Any]]:
        found, start = {}, 0
        for owner, length in zip(self.owners, self.lengths):
            found[owner] = dict(zip(self.keys[start:start + length], self.values[start:start + length]))
            start += length
        return found


def capture_modules(plans: list[ModulePlan], fingerprint: Fingerprinter, own_module: str | None,
                    own_class: object) -> Capture:
    """Of the test modules, only the test's own is looked into (and of its classes' data, the
    test's class's): the others only by the identity of their globals."""
    owners: list[str] = []
    namespaces: list[Any] = []
    data: dict[tuple[str, str], Any] = {}
    for plan in plans:
        module_namespace = vars(plan.module)
        owners.append(plan.name)
        namespaces.append(module_namespace)
        if plan.is_test and plan.name != own_module:
            continue
        for name in plan.data:
            if name in module_namespace:
                data[(plan.name, name)] = fingerprint.of(module_namespace[name], 1)
        for class_name, klass, names in plan.classes:
            attributes = vars(klass)
            owners.append(f"{plan.name}.{class_name}")
            namespaces.append(attributes)
            if names and (not plan.is_test or klass is own_class):
                for name in names:
                    if name in attributes:
                        data[(owners[-1], name)] = fingerprint.of(attributes[name], 1)
    return Capture(tuple(owners), list(map(len, namespaces)), list(chain.from_iterable(namespaces)),
                   list(chain.from_iterable(map(_values_of, namespaces))), data)


def compare_modules(before: Capture, after: Capture, caches: bool) -> list[Changed]:
    found: list[Changed] = []
    rebound: set[tuple[str, str]] = set()
    if not before.same_objects(after):
        theirs = after.namespaces()
        for owner, mine in before.namespaces().items():
            other = theirs.get(owner)
            if other is None or _same_objects(mine, other):
                continue
            for name, changed in _identity_changes(owner, mine, other, caches):
                rebound.add((owner, name))
                found.append(changed)
    if not _equal(before.data, after.data):
        for (owner, name), fp in before.data.items():
            other = after.data.get((owner, name), ABSENT)
            if other is ABSENT or (owner, name) in rebound or (not caches and is_cache(name)):
                continue
            for change in diff(fp, other, f".{name}", "attr"):
                found.append(from_change(owner, change, "FXS020"))
    return found


def _same_objects(before: dict[Any, Any], after: dict[Any, Any]) -> bool:
    return (len(before) == len(after) and all(map(operator.is_, before.values(), after.values()))
            and all(map(operator.is_, before, after)))


def _equal(before: dict[Any, Any], after: dict[Any, Any]) -> bool:
    try:
        return before == after
    except Exception:  # a fingerprint holds a value whose == raises: look closer
        return False


def _identity_changes(owner: str, before: dict[Any, Any], after: dict[Any, Any],
                      caches: bool) -> Iterator[tuple[str, Changed]]:
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name, ABSENT), after.get(name, ABSENT)
        if old is new or not isinstance(name, str) or _ignored(name, old, new, caches):
            continue
        code = "FXS021" if is_mock(new) and not is_mock(old) else "FXS020"
        yield name, Changed(f"{owner}.{name}", code, short(old), short(new))
