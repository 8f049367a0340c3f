import pytest

import settings


def test_bad_value_rejected():
    with pytest.raises(ValueError, match="must be one of"):
        settings.options.storage = "foo"


def test_good_value_stored():
    settings.options.storage = "pyarrow"  # error: FXS020


def test_stored_then_something_else_raises():
    with pytest.raises(KeyError):
        settings.options.storage = "pyarrow"  # error: FXS020
        {}["missing"]
