import os
import sys


def test_inner_run_imports_afresh(pytester):
    pytester.makepyfile(test_whatever="def test_x(): pass")
    sys.modules.pop("test_whatever", None)
    sys.path.insert(0, str(pytester.path))
    os.chdir(pytester.path)
    pytester.runpytest().assert_outcomes(passed=1)


def test_without_pytester(tmp_path):
    sys.modules.pop("test_whatever", None)  # error: FXS020
    sys.path.insert(0, str(tmp_path))  # error: FXS020
