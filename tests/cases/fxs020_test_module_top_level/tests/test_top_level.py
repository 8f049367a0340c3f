import logging
import os
import sys
import warnings

import pytest

from app import config

try:
    import numpy
except ImportError:
    numpy = None

os.environ["APP_MODE"] = "test"  # error: FXS020
logger = logging.getLogger("app")
logger.setLevel(logging.DEBUG)  # error: FXS020
logging.getLogger("app.db").addHandler(logging.StreamHandler())  # error: FXS020
sys.path.insert(0, os.path.dirname(__file__))  # error: FXS020
config.configure(debug=True)  # error: FXS020

pytestmark = pytest.mark.slow
CASES = []
CASES.append("first")
SNAPSHOT = config.describe()
HERE = os.path.dirname(__file__)
warnings.filterwarnings("ignore", category=DeprecationWarning)

if os.name == "nt":
    os.environ["APP_SHELL"] = "cmd"  # error: FXS020


def helper():
    os.environ["LATER"] = "1"


def test_reads():
    assert CASES and SNAPSHOT is not None and HERE


if __name__ == "__main__":
    sys.path.insert(0, "..")
    os.environ["APP_MODE"] = "script"
