"""An example program; only tests/test_examples.py imports it, each time afresh."""

import os

ADMIN = os.environ.get("ADMIN_EMAIL", "")
