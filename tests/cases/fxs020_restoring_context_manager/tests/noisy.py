import contextlib


@contextlib.contextmanager
def announced(message):
    """Print around the block; restores nothing."""
    print(message)
    yield
    print("done")
