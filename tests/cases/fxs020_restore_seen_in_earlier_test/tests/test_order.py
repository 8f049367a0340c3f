"""False negative: a call into tests/contexts.py in an EARLIER test silences later tests."""

import os
import sys

from tests import contexts


def test_calls_a_helper_of_that_module():
    with contexts.announced("start"):
        pass


def test_leaks_path(tmp_path):
    sys.path.append(str(tmp_path))  # error: FXS020
    sys.meta_path.append(None)  # error: FXS020
    os.environ["X"] = "1"  # error: FXS020
