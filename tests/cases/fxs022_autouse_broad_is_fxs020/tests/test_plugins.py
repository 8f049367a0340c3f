from conftest import PLUGINS


def test_plugins(requested_plugin):
    assert "extra" in PLUGINS
