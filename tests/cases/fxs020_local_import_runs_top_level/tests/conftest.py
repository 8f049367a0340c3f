import app.eager  # noqa: F401
