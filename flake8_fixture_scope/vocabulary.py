"""Names with a fixed meaning for mutation, shared by the syntactic model and the analysis."""

from __future__ import annotations

CONTAINER_MUTATORS = frozenset(
    "append extend insert remove pop popitem clear update setdefault add discard sort reverse "
    "appendleft extendleft rotate difference_update intersection_update "
    "symmetric_difference_update subtract move_to_end __setitem__ __delitem__".split()
)
# Calls that only read; never reported, whatever a class's own method does.
READING_METHODS = frozenset(
    "get copy keys values items index count find startswith endswith lower upper split join "
    "format encode decode __getitem__ __contains__ __len__ __iter__".split()
)
# Functions that change their first argument in place.
ARGUMENT_MUTATORS = frozenset(
    {"random.shuffle", "heapq.heappush", "heapq.heappop", "heapq.heapify", "heapq.heapreplace",
     "heapq.heappushpop", "bisect.insort", "bisect.insort_left", "bisect.insort_right"}
)
BUILTIN_CONTAINERS = frozenset({"list", "dict", "set", "bytearray"})
