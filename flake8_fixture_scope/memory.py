"""The garbage collector around the analysis of one file.

astroid trees are large cyclic graphs (every node points to its parent). Left to itself, the
collector walks the library modules and conftests astroid keeps for the whole process again and
again, while flake8 and the other plugins work on the next files: on real suites that cost more
than the analysis itself. So the collector is paused while a file is analysed; afterwards one
collection frees what the file left behind, and what is still alive (long-lived caches, mostly)
is frozen, out of every later collection. When a cached project module is replaced (an editor's
long-lived process after an edit), everything is unfrozen first so the old tree can be freed.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections.abc import Iterator

import astroid

from .analysis.build import BUILT

_replaced_when_frozen = 0
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


def settle_after_file() -> None:
    """Free what the analysis of one file left behind and freeze the survivors."""
    global _replaced_when_frozen
    if not gc.isenabled():
        return  # the host process manages the collector itself
    drop_failed_import_tracebacks()
    if BUILT.replaced != _replaced_when_frozen:
        gc.unfreeze()
        _replaced_when_frozen = BUILT.replaced
    gc.collect()
    gc.freeze()


def drop_failed_import_tracebacks() -> None:
    """astroid caches the error of every failed import lookup; the traceback chained to it holds
    the frames of the lookup, and so the module being analysed. Cut the new ones loose."""
    global _failed_imports_seen
    cache = getattr(astroid.MANAGER, "_mod_file_cache", None)
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
