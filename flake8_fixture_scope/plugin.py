"""flake8 glue: parameters, options, and a run() that never raises."""

from __future__ import annotations

import ast
import logging
import os
import re
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, ClassVar

from . import __version__
from .memory import collector_paused
from .model.file_model import Work, tree_for_analysis, work_for
from .model.index import ModuleIndex, is_collect_ignored, read_module
from .model.resolve import FixtureResolver
from .project import PROJECT, UNNAMED_BUFFER
from .rules import OFF_BY_DEFAULT, RULES, families_reporting
from .settings import Settings, parse_settings, register_options

LOG = logging.getLogger("flake8.fixture_scope")

# A file needs analysis only if it could hold a test, a fixture or xunit set-up.
_WORTH_A_LOOK = re.compile(r"def test|fixture|class Test|def setup|def setUp|\.start\(\)")

# FXS_PROFILE=<path>: append "<seconds>\t<built or ->\t<filename>" for every file to <path> (the benchmark
# reads it). Read once at import; off by default, and then costs one test per file.
PROFILE_PATH = os.environ.get("FXS_PROFILE") or None


class FixtureScopeChecker:
    name = "flake8-fixture-scope"
    version = __version__
    settings: ClassVar[Settings] = Settings()

    def __init__(self, tree: ast.AST, filename: str, lines: list[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines
        self._built = False  # whether this file needed an astroid tree

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        register_options(option_manager)
        option_manager.extend_default_ignore(list(OFF_BY_DEFAULT))

    @classmethod
    def parse_options(cls, options: Any) -> None:
        settings = parse_settings(options)
        cls.settings = replace(settings, families=families_reporting(selected_codes(options)))

    def run(self) -> Iterator[tuple[int, int, str, type[Any]]]:
        started = time.perf_counter() if PROFILE_PATH else 0.0
        violations = self._violations()
        if PROFILE_PATH:
            record_time(PROFILE_PATH, time.perf_counter() - started, self.filename, self._built)
        for violation in violations:
            yield violation.line, violation.col, violation.message, type(self)

    def _violations(self) -> list[Any]:
        source = "".join(self.lines)
        if not _WORTH_A_LOOK.search(source):
            return []
        try:
            return self._analyse(source)
        except Exception as error:  # the plugin must never take flake8 down
            LOG.info("fixture-scope: %s skipped: %s: %s", self.filename,
                     type(error).__name__, error)
            return []

    def _analyse(self, source: str) -> list[Any]:
        path = self._path()
        tree = self.tree if isinstance(self.tree, ast.Module) else ast.parse(source, path)
        PROJECT.remember_roots(path)
        if is_collect_ignored(path):
            return []  # pytest does not collect it: nothing in it runs as a test or fixture
        index = read_module(tree, path)
        resolver = FixtureResolver(index, self.settings.fixture_scopes)
        work = work_for(tree, index, resolver, self.settings, self.settings.families)
        if not work:
            return []  # nothing here needs inference: astroid is neither built nor imported
        self._built = True
        return analyse_with_astroid(source, path, tree_for_analysis(tree, work), index, resolver, work,
                                    self.settings)

    def _path(self) -> str:
        name = self.filename
        if name in ("stdin", "-", ""):
            name = os.path.join(os.getcwd(), UNNAMED_BUFFER)
        return os.path.abspath(name)


def analyse_with_astroid(source: str, path: str, tree: ast.Module, index: ModuleIndex,
                         resolver: FixtureResolver, work: Work, settings: Settings) -> list[Any]:
    """The questions the file model left, answered on the file's astroid tree.

    astroid is imported here, on the first file that needs it: most files never do, and an
    editor's one-file lint of such a file does not pay for the import.
    """
    import astroid

    from .analysis.build import build_module, library_modules_refused
    from .analysis.inference import forget_file_caches
    from .checks import check_module
    from .memory import settle_after_file

    try:
        with collector_paused(), library_modules_refused():
            forget_file_caches()
            module = build_module(source, path, tree=tree)
            if module is None:
                return []
            return sorted(set(check_module(module, index, resolver, work, settings)),
                          key=lambda v: (v.line, v.col, v.message))
    finally:
        forget_file_caches()  # they hold this file's nodes
        try:
            settle_after_file(astroid.MANAGER)
        except Exception as error:  # housekeeping must not take flake8 down either
            LOG.info("fixture-scope: collector housekeeping failed: %s: %s", type(error).__name__, error)


def selected_codes(options: Any) -> list[str]:
    """The codes of ours that flake8 will report under these options (select, ignore, defaults)."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        engine = DecisionEngine(options)
        return [code for code in RULES if engine.decision_for(code) is Decision.Selected]
    except Exception as error:  # an options object flake8 did not make: run every family
        LOG.debug("fixture-scope: selection unknown: %s", error)
        return list(RULES)


def record_time(path: str, seconds: float, filename: str, built: bool) -> None:
    """One line per file; appends are atomic for lines this short, so workers can share it."""
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{seconds:.6f}\t{'built' if built else '-'}\t{filename}\n")
    except OSError:
        pass
