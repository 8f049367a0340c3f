import pytest


@pytest.fixture(scope="session")
def also_session(registry):
    registry["names"].extend(["a", "b"])
    return None


def test_reads(seeded, also_session):
    assert seeded["names"]
