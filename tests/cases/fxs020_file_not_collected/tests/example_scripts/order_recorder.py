"""Input for a pytester run (copied into a temporary folder), never collected by this suite:
its name matches no python_files pattern and nothing imports it."""

import os

import pytest


@pytest.fixture(scope="session")
def recorded():
    return []


@pytest.fixture(scope="module")
def first(recorded):
    recorded.append("first")


def test_one(first, recorded):
    recorded.append("one")


def test_environment():
    os.environ["RECORDER"] = "1"
