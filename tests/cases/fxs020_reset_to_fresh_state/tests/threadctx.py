import threading

_CONTEXT = threading.local()


def get_context():
    """The per-thread context, created on first use."""
    try:
        return _CONTEXT.context
    except AttributeError:
        _CONTEXT.context = {}
        return _CONTEXT.context
