import sys
import types

KEYS = ["fake-mod-0", "fake-mod-1", "fake-mod-2"]


def test_keys_patched_in_a_loop(monkeypatch):
    for key in KEYS:
        monkeypatch.setitem(sys.modules, key, types.ModuleType(key))
    sys.modules[KEYS[0]] = types.ModuleType("replacement")
    sys.modules[KEYS[2]] = types.ModuleType("replacement")


def test_enumerated_keys(monkeypatch):
    names = [f"fake-{i}" for i in range(2)]
    for i, name in enumerate(names):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(str(i)))
    sys.modules[names[1]] = types.ModuleType("replacement")


def test_other_key_than_the_patched_ones(monkeypatch):
    for key in KEYS[:2]:
        monkeypatch.setitem(sys.modules, key, types.ModuleType(key))
    sys.modules["fake-mod-9"] = types.ModuleType("replacement")  # error: FXS020


def test_no_patch_at_all():
    sys.modules[KEYS[0]] = types.ModuleType("replacement")  # error: FXS020
