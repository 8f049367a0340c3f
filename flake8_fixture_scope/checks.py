"""One file, all rule families: build the file's model once, run each family on it."""

from __future__ import annotations

import logging
import os
import sysconfig
from collections.abc import Callable, Iterable, Iterator

from astroid import nodes

from .consumers import find_consumers
from .fixture_values import check_mutable_handouts, check_unclosed_resources
from .module_state import ModuleStateCheck
from .mutations import Context
from .parametrize_values import check_parametrize_values
from .patches import PatchCheck
from .project import PROJECT
from .definitions import Definitions
from .model.index import ModuleIndex
from .model.resolve import FixtureResolver
from .scope_mismatch import check_scope_mismatches
from .settings import Settings
from .shared_values import SharedValueCheck, Violation

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


def check_module(module: nodes.Module, index: ModuleIndex, settings: Settings) -> Iterator[Violation]:
    path = index.path
    resolver = FixtureResolver(index, settings.fixture_scopes)
    definitions = Definitions(module, index)
    context = Context(mutating_methods=settings.mutating_methods, is_project_file=is_project_file,
                      is_project_module=PROJECT.is_project_module)
    consumers = list(find_consumers(module, definitions.fixture_at))
    families: list[tuple[str, Callable[[], Iterable[Violation]]]] = [
        ("shared values", lambda: SharedValueCheck(resolver, definitions, settings, context).check(consumers)),
        ("parametrize values", lambda: check_parametrize_values(consumers, context)),
        ("scope mismatches", lambda: check_scope_mismatches(consumers, resolver)),
        ("mutable handouts", lambda: check_mutable_handouts(consumers, settings)),
        ("unclosed resources", lambda: check_unclosed_resources(consumers, settings)),
        ("module state", lambda: ModuleStateCheck(settings, context, resolver, definitions).check(module, consumers)),
        ("patches", lambda: PatchCheck(module, resolver, definitions, settings).check(consumers)),
    ]
    for family, run in families:
        try:
            yield from run()
        except Exception as error:  # one family failing must not silence the others
            LOG.info("fixture-scope: %s: %s check skipped: %s: %s", path, family,
                     type(error).__name__, error)
