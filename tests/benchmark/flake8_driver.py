"""Run flake8 exactly as its console script does, optionally without some plugins.

flake8 has no flag to disable a single installed plugin, so the benchmark runs every arm
through this driver, in the same interpreter and the same environment, and sets
``FXS_BENCH_HIDE_PLUGIN=<module prefix>[,<module prefix>...]`` for each arm: entry points whose
target starts with one of those prefixes are dropped from flake8's plugin discovery, so those
plugin modules are never even imported. The filter is installed at module level, so worker
processes started with ``spawn``/``forkserver`` (which re-run the main module) get it too;
``fork`` workers inherit it.

    python flake8_driver.py [flake8 arguments...]
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

from flake8.main.cli import main
from flake8.plugins import finder

HIDE_VARIABLE = "FXS_BENCH_HIDE_PLUGIN"


def _hide_plugins(prefixes: tuple[str, ...]) -> None:
    discover = finder._find_importlib_plugins

    def without_hidden() -> Iterator[Any]:
        for plugin in discover():
            if not plugin.entry_point.value.startswith(prefixes):
                yield plugin

    finder._find_importlib_plugins = without_hidden


if os.environ.get(HIDE_VARIABLE):
    _hide_plugins(tuple(os.environ[HIDE_VARIABLE].split(",")))

if __name__ == "__main__":
    sys.exit(main())
