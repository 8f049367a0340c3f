import typing
from collections import namedtuple
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Frozen:
    name: str


@dataclass(frozen=True)
class FrozenChild(Frozen):
    extra: int = 0


Point = namedtuple("Point", "x y")


class Pair(typing.NamedTuple):
    left: int
    right: int


@pytest.fixture(scope="session")
def frozen():
    return Frozen("a")


@pytest.fixture(scope="session")
def child():
    return FrozenChild("a")


@pytest.fixture(scope="session")
def point():
    return Point(1, 2)


@pytest.fixture(scope="session")
def pair():
    return Pair(1, 2)


@pytest.fixture(scope="session")
def plain_tuple():
    return (1, 2)
