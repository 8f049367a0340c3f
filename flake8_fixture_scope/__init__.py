"""flake8 plugin: find pytest tests that leak state through shared fixtures."""

__version__ = "0.1.0"
