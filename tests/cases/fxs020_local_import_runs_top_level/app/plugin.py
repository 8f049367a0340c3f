"""Registers itself when imported."""

import os

from app import register

register("plugin", 1)
os.environ.setdefault("APP_PLUGIN", "on")
