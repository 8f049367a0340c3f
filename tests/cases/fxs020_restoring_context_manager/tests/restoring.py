import contextlib
import sys


@contextlib.contextmanager
def saved_import_state():
    """Put sys.path, sys.meta_path and sys.modules back as they were."""
    previous = sys.path[:], sys.meta_path[:]
    previous_modules = sys.modules
    try:
        sys.modules = sys.modules.copy()
        yield
    finally:
        sys.path, sys.meta_path = previous
        sys.modules = previous_modules


@contextlib.contextmanager
def attribute_removed(obj, name):
    """Remove an attribute the block adds to obj."""
    try:
        yield
    finally:
        if hasattr(obj, name):
            delattr(obj, name)
