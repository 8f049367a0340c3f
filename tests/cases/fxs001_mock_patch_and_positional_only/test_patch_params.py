from unittest import mock


@mock.patch("os.getcwd")
def test_patched(cfg):
    cfg["flags"]["debug"] = True


@mock.patch.object(dict, "copy")
def test_patched_object(cfg):
    cfg["flags"]["debug"] = True


def helper_with_positional_only(cfg, /):
    cfg["flags"]["debug"] = True
