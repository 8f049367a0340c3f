import copy

import pytest


@pytest.fixture
def names(registry):
    return list(registry["names"])


@pytest.fixture
def meta(registry):
    yield copy.deepcopy(registry["meta"])


@pytest.fixture
def count(registry):
    return len(registry["names"])


def test_names(names, meta, count):
    names.append("x")
    meta["k"] = 1
    count += 1
