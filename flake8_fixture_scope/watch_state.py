"""What the watch looks at besides fixture values: process-wide state and the project's modules.

Each ``capture_*`` function returns plain data to keep until the end of the test; each
``compare_*`` function turns two captures into ``Changed`` records naming the thing.
"""

from __future__ import annotations

import fnmatch
import operator
import os
import sys
import types
from dataclasses import dataclass
from typing import Any, Iterator

from flake8_fixture_scope.watch_fingerprint import (
    ABSENT, PRIMITIVES, Bounds, Change, Counters, Fingerprinter, diff, is_cache, is_looked_into,
    is_mock, key_path, render, render_pair,
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


# --- process-wide state -------------------------------------------------------------------

def _stream_token(stream: object, index: int) -> object:
    """The same token for every stream pytest's capture puts in place or takes back."""
    standard = (sys.__stdin__, sys.__stdout__, sys.__stderr__)[index]
    if stream is standard or type(stream).__module__.startswith("_pytest"):
        return "standard"
    return stream


_PYTEST_OWN = (b"PYTEST_CURRENT_TEST", "PYTEST_CURRENT_TEST")


def _environ() -> dict[Any, Any]:
    data = getattr(os.environ, "_data", None)
    copied = dict.copy(data) if type(data) is dict else dict(os.environ)
    for key in _PYTEST_OWN:  # pytest's own: names the test and phase running
        copied.pop(key, None)
    return copied


def _text(value: object) -> object:
    return os.fsdecode(value) if isinstance(value, bytes) else value


def _loggers() -> Any:
    logging = sys.modules.get("logging")
    if logging is None:
        return None
    root = logging.getLogger()
    table = {"": (root.level, tuple(root.handlers), root.disabled, root.propagate)}
    for name, logger in list(root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger):
            table[name] = (logger.level, tuple(logger.handlers), logger.disabled, logger.propagate)
    return root.manager.disable, table


def _active_patches() -> tuple[object, ...]:
    found: list[object] = []
    for name in ("unittest.mock", "mock.mock"):
        module = sys.modules.get(name)
        patch = getattr(module, "_patch", None)
        found.extend(getattr(patch, "_active_patches", ()))
    return tuple(found)


def capture_process() -> dict[str, Any]:
    streams = (sys.stdin, sys.stdout, sys.stderr)
    return {
        "environ": _environ(),
        "cwd": _cwd(),
        "path": tuple(sys.path),
        "argv": tuple(sys.argv),
        "modules": sys.modules.copy(),
        "streams": tuple(_stream_token(s, i) for i, s in enumerate(streams)),
        "logging": _loggers(),
        "patches": _active_patches(),
    }


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:  # the folder was removed under us
        return "<removed>"


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


def _mapping_changes(thing: str, before: dict[Any, Any], after: dict[Any, Any],
                     code: str = "FXS020") -> Iterator[Changed]:
    if before == after:
        return
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key, ABSENT), after.get(key, ABSENT)
        if old is not new and old != new:
            yield Changed(f"{thing}{key_path(_text(key))}", code, _unset(old), _unset(new))


def _unset(value: object) -> str:
    return "<unset>" if value is ABSENT else render(_text(value), 40)


def compare_process(before: dict[str, Any], after: dict[str, Any]) -> Iterator[Changed]:
    yield from _mapping_changes("os.environ", before["environ"], after["environ"])
    if before["cwd"] != after["cwd"]:
        yield Changed("os.getcwd()", "FXS020", render(before["cwd"]), render(after["cwd"]))
    for name in ("path", "argv"):
        if before[name] != after[name]:
            old, new = before[name], after[name]
            yield Changed(f"sys.{name}", "FXS020",
                          *render_pair(("L", list, 0, len(old), old), ("L", list, 0, len(new), new)))
    yield from _modules_changes(before["modules"], after["modules"])
    for index, name in enumerate(("stdin", "stdout", "stderr")):
        old, new = before["streams"][index], after["streams"][index]
        if old is not new:
            yield Changed(f"sys.{name}", "FXS020", _stream_text(old), _stream_text(new))
    yield from _logging_changes(before["logging"], after["logging"])
    started = [p for p in after["patches"] if not any(p is q for q in before["patches"])]
    for patcher in started:
        yield Changed(_patch_target(patcher), "FXS021", "<not patched>", "<patched>")


def _stream_text(token: object) -> str:
    return f"<{token}>" if isinstance(token, str) else f"<{type(token).__name__}>"


def _modules_changes(before: dict[str, Any], after: dict[str, Any]) -> Iterator[Changed]:
    if len(before) == len(after) and all(map(operator.is_, before.values(), after.values())) \
            and list(before) == list(after):
        return
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name, ABSENT), after.get(name, ABSENT)
        if old is new:
            continue
        if old is ABSENT and getattr(new, "__spec__", None) is not None:
            continue  # an ordinary import: later tests find the module imported, as they would anyway
        yield Changed(f'sys.modules["{name}"]', "FXS020", _module_text(old), _module_text(new))


def _module_text(value: object) -> str:
    if value is ABSENT:
        return "<absent>"
    if getattr(value, "__spec__", None) is None:
        return f"<{type(value).__name__} without spec>"
    return f"<module {getattr(value, '__name__', '?')}>"


def _ours(handler: object) -> bool:
    return type(handler).__module__.startswith("_pytest")


def _logging_changes(before: Any, after: Any) -> Iterator[Changed]:
    if before is None or after is None or before == after:
        return
    if before[0] != after[0]:
        yield Changed("logging.disable()", "FXS020", render(before[0]), render(after[0]))
    for name, old in before[1].items():
        new = after[1].get(name)
        if new is None or new == old:
            continue
        where = "logging.getLogger()" if name == "" else f'logging.getLogger("{name}")'
        if old[0] != new[0]:
            yield Changed(f"{where}.level", "FXS020", render(old[0]), render(new[0]))
        old_handlers = [h for h in old[1] if not _ours(h)]
        new_handlers = [h for h in new[1] if not _ours(h)]
        if len(old_handlers) != len(new_handlers) or any(map(operator.is_not, old_handlers, new_handlers)):
            yield Changed(f"{where}.handlers", "FXS020", _handlers(old_handlers), _handlers(new_handlers))
        for index, attribute in ((2, "disabled"), (3, "propagate")):
            if old[index] != new[index]:
                yield Changed(f"{where}.{attribute}", "FXS020", render(old[index]), render(new[index]))
    for name, new in after[1].items():
        if name not in before[1] and (new[0] != 0 or any(not _ours(h) for h in new[1]) or new[2]):
            yield Changed(f'logging.getLogger("{name}")', "FXS020", "<new>", f"level {new[0]}")


def _handlers(handlers: list[object]) -> str:
    return render("[" + ", ".join(type(h).__name__ for h in handlers) + "]").strip("'")


def _patch_target(patcher: Any) -> str:
    try:
        if hasattr(patcher, "in_dict"):
            target = patcher.in_dict
            return "os.environ" if target is os.environ else f"patch.dict({short(target, 30)})"
        target = getattr(patcher, "target", None)
        return f"{object_name(target)}.{patcher.attribute}"
    except Exception:
        return "<a patch>"


def object_name(target: object) -> str:
    if isinstance(target, type(sys)):
        return target.__name__
    if isinstance(target, type):
        return f"{target.__module__}.{target.__qualname__}"
    return f"<{type(target).__name__}>"


# --- the project's own modules -------------------------------------------------------------

@dataclass
class ModulePlan:
    """A project module and what of it is fingerprinted (its data) besides identities."""

    name: str
    module: Any
    is_test: bool
    data: list[str]
    classes: list[tuple[str, type, list[str]]]


def _data_names(namespace: dict[str, Any]) -> list[str]:
    return [name for name, value in namespace.items()
            if not (name.startswith("__") and name.endswith("__")) and is_looked_into(value)]


def _ignored(name: str, old: object, new: object, caches: bool) -> bool:
    if name.startswith("__") and name.endswith("__"):
        return True
    if isinstance(new, types.ModuleType) and (old is ABSENT or old is None):
        return True  # a submodule imported, or a module imported lazily into a global
    return (old is None and name.startswith("_")) or (not caches and is_cache(name))


class ProjectModules:
    """The modules whose file is under the rootdir and outside any installed environment."""

    def __init__(self, rootdir: str, test_patterns: list[str]) -> None:
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
        plan.data = _data_names(namespace)
        plan.classes = [(name, value, _data_names(dict(vars(value))))
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


def capture_module(plan: ModulePlan, fingerprint: Fingerprinter, own_test_module: bool) -> Any:
    """A module's globals (by identity) and, for its data and classes, fingerprints.

    Of the test modules, only the test's own is looked into: the others only by identity.
    """
    namespace = vars(plan.module)
    data = {}
    classes = {}
    if own_test_module or not plan.is_test:
        data = {name: fingerprint.of(namespace[name], 1) for name in plan.data if name in namespace}
        for name, klass, names in plan.classes:
            attributes = vars(klass)
            data_fps = {n: fingerprint.of(attributes[n], 1) for n in names if n in attributes}
            classes[name] = (attributes.copy(), data_fps)
    return namespace.copy(), data, classes


def compare_module(plan: ModulePlan, before: Any, after: Any, caches: bool) -> list[Changed]:
    found: list[Changed] = []
    if not _unchanged(before[0], after[0], before[1], after[1]):
        found.extend(_namespace_changes(plan.name, before[0], after[0], before[1], after[1], caches))
    for name, (identity, data) in before[2].items():
        other = after[2].get(name)
        if other is not None and not _unchanged(identity, other[0], data, other[1]):
            thing = f"{plan.name}.{name}"
            found.extend(_namespace_changes(thing, identity, other[0], data, other[1], caches))
    return found


def _same_objects(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return (len(before) == len(after) and all(map(operator.is_, before.values(), after.values()))
            and all(map(operator.is_, before, after)))


def _unchanged(before: dict[str, Any], after: dict[str, Any],
               before_data: dict[str, Any], after_data: dict[str, Any]) -> bool:
    try:
        return _same_objects(before, after) and before_data == after_data
    except Exception:  # a fingerprint holds a value whose == raises: look closer
        return False


def _namespace_changes(thing: str, before: dict[str, Any], after: dict[str, Any],
                       before_data: dict[str, Any], after_data: dict[str, Any],
                       caches: bool) -> Iterator[Changed]:
    same = _same_objects(before, after)
    rebound = set()
    if not same:
        for name in dict.fromkeys([*before, *after]):
            old, new = before.get(name, ABSENT), after.get(name, ABSENT)
            if old is new or not isinstance(name, str) or _ignored(name, old, new, caches):
                continue
            rebound.add(name)
            code = "FXS021" if is_mock(new) and not is_mock(old) else "FXS020"
            yield Changed(f"{thing}.{name}", code, short(old), short(new))
    kept = {k: v for k, v in before_data.items() if k not in rebound and (caches or not is_cache(k))}
    yield from _data_changes(thing, kept, after_data)


def _data_changes(thing: str, before: dict[str, Any], after: dict[str, Any]) -> Iterator[Changed]:
    for name, fp in before.items():
        if name in after:
            for change in diff(fp, after[name], f".{name}", "attr"):
                yield from_change(thing, change, "FXS020")


def from_change(thing: str, change: Change, code: str | None = None,
                fixture: str = "", scope: str = "") -> Changed:
    before, after = render_pair(change.before, change.after)
    if code is None:
        code = {"item": "FXS001", "attr": "FXS003"}.get(change.kind, "FXS002")
    return Changed(thing + change.path, code, before, after, fixture, scope)
