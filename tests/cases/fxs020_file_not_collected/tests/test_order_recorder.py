"""The same code in a file pytest does collect."""

import os

import pytest


@pytest.fixture(scope="session")
def recorded():
    return []


@pytest.fixture(scope="module")
def first(recorded):
    recorded.append("first")  # error: FXS002


def test_one(first, recorded):
    recorded.append("one")  # error: FXS002


def test_environment():
    os.environ["RECORDER"] = "1"  # error: FXS020
