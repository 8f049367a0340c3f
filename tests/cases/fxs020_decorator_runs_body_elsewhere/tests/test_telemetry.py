import os
import sys

import pytest

from tests.isolation import in_fresh_interpreter, retried


@in_fresh_interpreter
def test_exporter_reads_environment():
    os.environ["EXPORT_ENDPOINT"] = "http://127.0.0.1:4318"
    os.environ.update({"EXPORT_INTERVAL": "60000"})
    sys.meta_path.insert(0, object())


@pytest.mark.parametrize("mode", ["a", "b"])
@in_fresh_interpreter
def test_parametrized_in_fresh_interpreter(mode):
    os.environ["EXPORT_MODE"] = mode


@retried
def test_decorated_but_run_here():
    os.environ["EXPORT_ENDPOINT"] = "http://127.0.0.1:4318"  # error: FXS020
    sys.meta_path.insert(0, object())  # error: FXS020
