"""The garbage collector around the analysis of one file.

astroid trees are large cyclic graphs (every node points to its parent). Left to itself, the
collector would walk the library modules and conftests astroid keeps for the whole process
again and again while one file is analysed. So it is paused during the analysis of a file and
given back as it was. Afterwards one collection of the youngest generation frees what the file
left behind: everything the analysis made is young (nothing was collected, so nothing was
promoted), and a young-generation collection costs what the file made, not what the process
holds. Nothing else of the collector's state is changed, so a host process (an editor's
language server) keeps the collector it had.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterator
from typing import Any

_failed_imports_seen = 0


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def settle_after_file(manager: Any) -> None:
    """Free what the analysis of one file (with astroid's ``manager``) left behind."""
    if not gc.isenabled():
        return  # the host process manages the collector itself
    drop_failed_import_tracebacks(manager)
    gc.collect(0)


def drop_failed_import_tracebacks(manager: Any) -> None:
    """astroid caches the error of every failed import lookup; the traceback chained to it holds
    the frames of the lookup, and so the module being analysed. Cut the new ones loose."""
    global _failed_imports_seen
    cache = getattr(manager, "_mod_file_cache", None)
    if not isinstance(cache, dict):
        return
    if len(cache) < _failed_imports_seen:
        _failed_imports_seen = 0
    for value in itertools.islice(cache.values(), _failed_imports_seen, None):
        if isinstance(value, BaseException):
            _drop_tracebacks(value)
    _failed_imports_seen = len(cache)


def _drop_tracebacks(error: BaseException) -> None:
    pending: list[object] = [error]
    seen: set[int] = set()
    while pending:
        item = pending.pop()
        if not isinstance(item, BaseException) or id(item) in seen:
            continue
        seen.add(id(item))
        item.__traceback__ = None
        pending += [item.__context__, item.__cause__, getattr(item, "error", None)]
