"""The analysis: astroid trees of the files that raise a question, walks over their functions,
and what counts as changed and restored."""
