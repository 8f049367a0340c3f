import pytest


@pytest.fixture
def names(registry):
    return registry["names"]


@pytest.fixture
def meta(registry):
    meta = registry["meta"]
    yield meta


@pytest.fixture
def whole(registry):
    return dict(registry)


def test_names(names):
    names.append("x")  # error: FXS002


def test_meta(meta):
    meta["k"] = 1  # error: FXS001


def test_whole(whole):
    whole["meta"]["k"] = 1  # error: FXS001
    whole["names"] = []
