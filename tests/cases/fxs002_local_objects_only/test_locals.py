import pytest


@pytest.mark.usefixtures("cfg")
def test_local_values():
    cfg = {"flags": {}, "users": []}
    cfg["flags"]["debug"] = True
    cfg["users"].append("x")
    cfg.clear()


def test_function_fixture(tmp_path, capsys):
    data = {"path": tmp_path}
    data["path"] = None
