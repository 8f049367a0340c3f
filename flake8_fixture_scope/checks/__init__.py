"""One file, all rule families: build the file's model once, run each family on it."""

from __future__ import annotations

import logging
import os
import sysconfig
from collections.abc import Callable, Iterable, Iterator

from astroid import nodes

from ..analysis.consumers import find_consumers
from .fixture_values import check_mutable_handouts, check_unclosed_resources
from .module_state import ModuleStateCheck
from ..analysis.events import Context
from .parametrize_values import check_parametrize_values
from .patches import PatchCheck
from ..project import PROJECT
from ..analysis.definitions import Definitions
from ..model.file_model import Work
from ..model.index import ModuleIndex
from ..model.resolve import FixtureResolver
from .scope_mismatch import check_scope_mismatches
from ..settings import Settings
from .shared_values import SharedValueCheck, Violation
from ..rules import ALL_FAMILIES, FAMILY_CODES, families_reporting

__all__ = ["ALL_FAMILIES", "FAMILY_CODES", "check_module", "families_reporting", "is_project_file"]

LOG = logging.getLogger("flake8.fixture_scope")
_LIBRARY_FOLDERS = tuple(
    os.path.abspath(p) + os.sep
    for p in {sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
              sysconfig.get_paths()["platlib"]}
)


def is_project_file(path: str) -> bool:
    """Code the linter follows into: the user's files, not the stdlib or installed packages."""
    if not path or not path.endswith(".py"):
        return False
    absolute = os.path.abspath(path)
    return not absolute.startswith(_LIBRARY_FOLDERS) and "site-packages" not in absolute


def check_module(module: nodes.Module, index: ModuleIndex, resolver: FixtureResolver, work: Work,
                 settings: Settings) -> Iterator[Violation]:
    """Run, on the file's astroid tree, the families that the file model found work for."""
    definitions = Definitions(module, index)
    context = Context(mutating_methods=settings.mutating_methods, is_project_file=is_project_file,
                      is_project_module=PROJECT.is_project_module)
    consumers = list(find_consumers(module, definitions.fixture_at))
    receiving = [c for c in consumers if c.func.lineno in work.shared]
    module_state = ModuleStateCheck(settings, context, resolver, definitions, work.module_state,
                                    work.top_level)
    families: list[tuple[str, bool, Callable[[], Iterable[Violation]]]] = [
        ("shared values", bool(receiving),
         lambda: SharedValueCheck(resolver, definitions, settings, context).check(receiving, consumers)),
        ("parametrize values", work.parametrize, lambda: check_parametrize_values(consumers, context)),
        ("scope mismatches", work.mismatch, lambda: check_scope_mismatches(consumers, resolver)),
        ("mutable handouts", work.broad_fixtures and "mutable handouts" in settings.families,
         lambda: check_mutable_handouts(consumers, settings)),
        ("unclosed resources", work.broad_fixtures and "unclosed resources" in settings.families,
         lambda: check_unclosed_resources(consumers, settings)),
        ("module state", bool(work.module_state or work.top_level),
         lambda: module_state.check(module, consumers)),
        ("patches", work.patches,
         lambda: PatchCheck(module, resolver, definitions, settings).check(consumers)),
    ]
    for family, has_work, run in families:
        if not has_work:
            continue
        try:
            yield from run()
        except Exception as error:  # one family failing must not silence the others
            LOG.info("fixture-scope: %s: %s check skipped: %s: %s", index.path, family,
                     type(error).__name__, error)
