import pkg  # noqa: F401
