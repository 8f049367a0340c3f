"""Shared by the project's own tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from flake8_fixture_scope.plugin import FixtureScopeChecker
from flake8_fixture_scope.settings import Settings


@pytest.fixture(autouse=True)
def default_checker_settings() -> Iterator[None]:
    """flake8 run in this process sets the checker's options for the process (as it does in an
    editor's server); tests that call the checker directly start from the defaults."""
    FixtureScopeChecker.settings = Settings()
    yield
    FixtureScopeChecker.settings = Settings()
