import pytest

import threadctx
from threadctx import _CONTEXT


def test_no_context_yet():
    if hasattr(_CONTEXT, "context"):
        del _CONTEXT.context
    with pytest.raises(AttributeError):
        _CONTEXT.context
    assert threadctx.get_context() == {}


def test_reset_through_module_attribute():
    if hasattr(threadctx._CONTEXT, "context"):
        del threadctx._CONTEXT.context


def test_context_filled():
    _CONTEXT.context = {"user": "ann"}  # error: FXS020
