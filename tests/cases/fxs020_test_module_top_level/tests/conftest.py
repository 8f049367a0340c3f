import os
import sys

os.environ["APP_MODE"] = "test"
sys.path.insert(0, os.path.dirname(__file__))
