import operator
import sys
from os import path

import astropy.io.fits as fits
import numpy as np
import numpy.char

import app
import app.text
from app import registry
from app import registry as reg
from app.registry import REGISTRY

WORDS = ["a", "b"]


def test_functions_of_a_module_make_new_values():
    assert registry.append(WORDS, "c") == ["a", "b", "c"]
    assert reg.insert(WORDS, 0, "z")[0] == "z"
    assert app.text.add(WORDS, WORDS) == ["aa", "bb"]
    assert operator.add(WORDS, ["c"]) == ["a", "b", "c"]
    assert path.join("a", "b")


def test_functions_of_a_library_module():
    np.append(WORDS, "c")
    np.insert(WORDS, 0, "z")
    np.char.add(WORDS, WORDS)
    numpy.char.add(WORDS, WORDS)
    fits.append("data.fits", WORDS)


def test_a_function_that_changes_its_module():
    registry.register("x")  # error: FXS020


def test_containers_of_a_module_still_change():
    registry.REGISTRY.append("y")  # error: FXS020
    REGISTRY.insert(0, "z")  # error: FXS020
    sys.path.append("/nowhere")  # error: FXS020
    WORDS.append("c")  # error: FXS020
