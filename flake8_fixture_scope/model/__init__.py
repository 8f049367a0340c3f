"""The model: what the files say, read with the standard library's ``ast`` (no astroid)."""
