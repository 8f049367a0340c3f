"""Decorators for tests: one runs the body in a fresh interpreter, one runs it here."""

import json
import subprocess
import sys
from functools import wraps
from importlib import import_module
from inspect import unwrap


def in_fresh_interpreter(function):
    """Run the test body in a child Python process; this process only checks the exit code."""

    @wraps(function)
    def wrapper(**kwargs):
        result = subprocess.run(
            [sys.executable, "-m", "tests.isolation", function.__module__, function.__name__,
             json.dumps(kwargs)],
            capture_output=True, text=True, timeout=30,
        )
        assert result.returncode == 0, result.stderr

    return wrapper


def retried(function):
    """Run the test body here, once more if it fails."""

    @wraps(function)
    def wrapper(**kwargs):
        try:
            return function(**kwargs)
        except AssertionError:
            return function(**kwargs)

    return wrapper


if __name__ == "__main__":
    module_name, function_name, arguments = sys.argv[1:]
    unwrap(getattr(import_module(module_name), function_name))(**json.loads(arguments))
