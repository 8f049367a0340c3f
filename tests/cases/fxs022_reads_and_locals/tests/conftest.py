import logging
import os
import sys

import pytest

DEFAULTS = {"retries": 3}


@pytest.fixture(scope="session")
def config():
    config = dict(DEFAULTS)
    config["retries"] = 5
    config.update(home=os.environ.get("HOME"), path=list(sys.path))
    return config


@pytest.fixture(scope="session")
def shadowing():
    os = {"environ": {}}
    os["environ"]["X"] = "1"
    sys = [1]
    sys.append(2)
    return os, sys


@pytest.fixture(scope="module")
def logger():
    log = logging.getLogger("tests")
    logging.getLogger("tests").setLevel(logging.DEBUG)
    return log


@pytest.fixture(scope="session")
def paths(tmp_path_factory):
    base = tmp_path_factory.mktemp("data")
    return [str(base), *sys.path]
