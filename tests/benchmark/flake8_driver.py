"""Run flake8 exactly as its console script does, optionally without one plugin.

flake8 has no flag to disable a single installed plugin, so the benchmark runs both arms
through this driver, in the same interpreter and the same environment, and sets
``FXS_BENCH_HIDE_PLUGIN=<module prefix>`` for the "without" arm: entry points whose target
starts with that prefix are dropped from flake8's plugin discovery, so the plugin module is
never even imported. The filter is installed at module level, so worker processes started
with ``spawn``/``forkserver`` (which re-run the main module) get it too; ``fork`` workers
inherit it.

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


def _hide_plugins(prefix: str) -> None:
    discover = finder._find_importlib_plugins

    def without_hidden() -> Iterator[Any]:
        for plugin in discover():
            if not plugin.entry_point.value.startswith(prefix):
                yield plugin

    finder._find_importlib_plugins = without_hidden


if os.environ.get(HIDE_VARIABLE):
    _hide_plugins(os.environ[HIDE_VARIABLE])

if __name__ == "__main__":
    sys.exit(main())
