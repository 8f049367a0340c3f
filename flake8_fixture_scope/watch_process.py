"""Process-wide state: what every test shares whatever it imports.

``os.environ``, the working folder, ``sys.path``, ``sys.argv``, ``sys.modules``, the standard
streams, logging's configuration and the ``unittest.mock`` patches still active.
``capture_process`` returns plain data to keep until the end of the test;
``compare_process`` turns two captures into ``Changed`` records.
"""

from __future__ import annotations

import operator
import os
import sys
from typing import Any, Iterator

from flake8_fixture_scope.watch_fingerprint import ABSENT, key_path
from flake8_fixture_scope.watch_render import Changed, render, render_pair, short


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
