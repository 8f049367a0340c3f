import sys


def test_inserts_path():
    sys.path.insert(0, "/opt/plugins")  # error: FXS020


def test_appends_restored():
    sys.path.append("/opt/plugins")
    try:
        assert "/opt/plugins" in sys.path
    finally:
        sys.path.remove("/opt/plugins")


def test_syspath_prepend(monkeypatch):
    monkeypatch.syspath_prepend("/opt/plugins")


def test_reads_path():
    assert sys.path[0] is not None
    first = sys.path[:1]
    first.append("x")


def test_fakes_module():
    sys.modules["fake_plugin"] = object()  # error: FXS020


def test_forgets_module():
    sys.modules.pop("json", None)  # error: FXS020


def test_fakes_module_restored():
    saved = sys.modules.copy()
    sys.modules["fake_plugin"] = object()
    try:
        pass
    finally:
        sys.modules.clear()
        sys.modules.update(saved)


def test_local_import():
    import sys

    sys.path.append("/opt/local")  # error: FXS020
