from tests.conftest import PLUGINS


def test_sees_the_plugins():
    assert PLUGINS
