import io
import os
import sys


def run_verbose():
    """Code under test: sends its progress to a fresh buffer it installs as sys.stdout."""
    sys.stdout = io.StringIO()
    print("progress")


def prepare_home(path):
    """Code under test: points HOME at path."""
    os.environ["HOME"] = path
