import contextlib
import sys


@contextlib.contextmanager
def saved_import_state():
    previous = sys.path[:], sys.meta_path[:]
    try:
        yield
    finally:
        sys.path, sys.meta_path = previous


@contextlib.contextmanager
def announced(message):
    print(message)
    yield
