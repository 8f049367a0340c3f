import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
os.environ["APP_MODE"] = "script"


def test_like_name():
    pass
