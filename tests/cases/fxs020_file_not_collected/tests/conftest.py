pytest_plugins = ["tests.plugin_fixtures"]
