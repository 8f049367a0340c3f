pytest_plugins = ["tests.sub.subfixtures"]
