"""flake8 glue: parameters, options, and a run() that never raises."""

from __future__ import annotations

import ast
import gc
import logging
import os
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from . import __version__
from .checks import check_module
from .inference import forget_file_caches
from .project import build_module
from .rules import OFF_BY_DEFAULT
from .settings import Settings, parse_settings, register_options

LOG = logging.getLogger("flake8.fixture_scope")

# A file needs analysis only if it could hold a test, a fixture or xunit set-up.
_WORTH_A_LOOK = re.compile(r"def test|fixture|class Test|def setup|def setUp|\.start\(\)")


class FixtureScopeChecker:
    name = "flake8-fixture-scope"
    version = __version__
    settings: ClassVar[Settings] = Settings()

    def __init__(self, tree: ast.AST, filename: str, lines: list[str]) -> None:
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        register_options(option_manager)
        option_manager.extend_default_ignore(list(OFF_BY_DEFAULT))

    @classmethod
    def parse_options(cls, options: Any) -> None:
        cls.settings = parse_settings(options)

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        source = "".join(self.lines)
        if not _WORTH_A_LOOK.search(source):
            return
        try:
            violations = self._analyse(source)
        except Exception as error:  # the plugin must never take flake8 down
            LOG.info("fixture-scope: %s skipped: %s: %s", self.filename,
                        type(error).__name__, error)
            return
        for violation in violations:
            yield violation.line, violation.col, violation.message, type(self)

    def _analyse(self, source: str) -> list[Any]:
        path = self._path()
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            forget_file_caches()
            module = build_module(source, path)
            if module is None:
                return []
            found = sorted(set(check_module(module, path, self.settings)),
                           key=lambda v: (v.line, v.col, v.message))
            return found
        finally:
            if gc_was_enabled:
                gc.enable()

    def _path(self) -> str:
        name = self.filename
        if name in ("stdin", "-", ""):
            name = os.path.join(os.getcwd(), "stdin.py")
        return os.path.abspath(name)
