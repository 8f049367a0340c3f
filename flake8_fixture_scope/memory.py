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
from collections.abc import Iterator

from .project import PROJECT

_replaced_when_frozen = 0


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
    if PROJECT.replaced != _replaced_when_frozen:
        gc.unfreeze()
        _replaced_when_frozen = PROJECT.replaced
    gc.collect()
    gc.freeze()
