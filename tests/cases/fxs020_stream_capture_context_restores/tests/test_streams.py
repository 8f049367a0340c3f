import contextlib
import io
import sys


def test_assignment_inside_redirect_is_undone():
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        sys.stdout = io.StringIO()
        print("not seen")
    with contextlib.redirect_stderr(io.StringIO()):
        sys.stderr = io.StringIO()


def test_other_stream_inside_redirect():
    with contextlib.redirect_stdout(io.StringIO()):
        sys.stderr = io.StringIO()  # error: FXS020


def test_assignment_after_redirect():
    with contextlib.redirect_stdout(io.StringIO()):
        pass
    sys.stdout = io.StringIO()  # error: FXS020
