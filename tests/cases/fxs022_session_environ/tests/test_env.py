import os


def test_production(production_env):
    assert os.environ["APP_ENV"] == "production"


def test_debug(debug_env, env_reader):
    assert os.environ["APP_DEBUG"] == "1"
