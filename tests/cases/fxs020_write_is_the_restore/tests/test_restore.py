import io
import os
import sys

from tests import app


def test_puts_saved_stream_back():
    saved = sys.stdout
    app.run_verbose()  # error: FXS023
    output = sys.stdout
    sys.stdout = saved
    assert output.getvalue() == "progress\n"


def test_puts_saved_streams_back_by_unpacking():
    saved_out, saved_err = sys.stdout, sys.stderr
    app.run_verbose()  # error: FXS023
    sys.stdout, sys.stderr = saved_out, saved_err


def test_puts_saved_environment_back(tmp_path):
    saved_home = os.environ.get("HOME")
    app.prepare_home(str(tmp_path))  # error: FXS023
    if saved_home is not None:
        os.environ["HOME"] = saved_home
    else:
        os.environ.pop("HOME", None)


def test_replaces_stream():
    sys.stdout = io.StringIO()  # error: FXS020


def test_sets_environment(tmp_path):
    os.environ["HOME"] = str(tmp_path)  # error: FXS020


def test_saves_one_target_and_writes_another():
    saved = sys.stdout
    sys.stderr = saved  # error: FXS020


def test_entries_put_back_under_another_name():
    saved = []
    for m in ("xml.dom", "wsgiref.simple_server"):
        saved.append((m, sys.modules.pop(m, None)))
    try:
        pass
    finally:
        for name, mod in saved:
            if mod is not None:
                sys.modules[name] = mod


def test_entry_removed_and_another_put_back(name="other"):
    sys.modules.pop("xml.dom", None)  # error: FXS020
    try:
        pass
    finally:
        sys.modules[name] = None
