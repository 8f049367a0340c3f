from dataclasses import dataclass

import pytest


@dataclass
class Settings:
    name: str


@dataclass(frozen=False)
class Explicit:
    name: str


@pytest.fixture(scope="session")
def settings():
    return Settings("a")


@pytest.fixture(scope="session")
def explicit():
    return Explicit("a")
