"""Whether a dotted name or an expression names a module, found without importing anything."""

from __future__ import annotations

import sys

import astroid
import pytest

from flake8_fixture_scope.analysis import modules


@pytest.mark.parametrize("name", ["os", "os.path", "xml.etree.ElementTree", "email.mime.text",
                                  "importlib.resources", "astroid.nodes"])
def test_installed_modules_are_found(name: str) -> None:
    assert modules.is_module(name)


@pytest.mark.parametrize("name", ["os.environ", "sys.path", "os.getcwd", "xml.etree.nothing_here",
                                  "no_such_package_xyz.sub", ".relative", ""])
def test_other_names_are_not_modules(name: str) -> None:
    assert not modules.is_module(name)


def test_finding_a_submodule_imports_nothing() -> None:
    sys.modules.pop("email.mime.audio", None)
    assert modules.is_module("email.mime.audio")
    assert "email.mime.audio" not in sys.modules


SOURCE = '''\
import numpy as np
import numpy.char
import os
from xml.etree import ElementTree
from os import environ
from not_installed_xyz import thing

np.append  #@
np.char.add  #@
numpy.char.add  #@
os.path.join  #@
ElementTree.SubElement  #@
environ.update  #@
thing.append  #@
np.array.append  #@
'''


def test_expressions_naming_a_module() -> None:
    receivers = [node.expr for node in astroid.extract_node(SOURCE)]
    named = [modules.module_named(receiver) for receiver in receivers]
    assert named == ["numpy", "numpy.char", "numpy.char", "os.path", "xml.etree.ElementTree", None, None, None]
