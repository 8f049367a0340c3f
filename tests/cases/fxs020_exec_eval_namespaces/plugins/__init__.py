"""A project module whose namespace tests run code into."""

HOOKS = {}
VERSION = "1"
