import sys
import types


def test_fake_submodule():
    name, sub = "fakemodule", "submodule"
    sys.modules[f"{name}.{sub}"] = types.ModuleType(sub)  # error: FXS020


def test_constant_key():
    sys.modules["fakemodule"] = types.ModuleType("fakemodule")  # error: FXS020
