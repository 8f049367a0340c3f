import math


def test_session_builtins(tmp_path_factory, doctest_namespace, pytestconfig, tmpdir_factory):
    tmp_path_factory.basetemp = None
    doctest_namespace["math"] = math
    pytestconfig.option.verbose = 2
    pytestconfig.stash.clear()
    tmpdir_factory.extra = 1


def test_function_builtins(monkeypatch, tmp_path, caplog, capsys):
    tmp_path.mode = 1
    caplog.handler.level = 0
    capsys.extra = 1
