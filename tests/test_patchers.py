"""Unit tests of the FXS021 syntax helpers: what is a patcher, what stops it."""

from __future__ import annotations

import astroid
import pytest
from astroid import nodes

from flake8_fixture_scope.analysis.patchers import patcher_call, receiver_key, started_patches, stops_in


def function(source: str, name: str = "f") -> nodes.FunctionDef:
    module = astroid.parse(source)
    found = next(n for n in module.nodes_of_class(nodes.FunctionDef) if n.name == name)
    assert isinstance(found, nodes.FunctionDef)
    return found


@pytest.mark.parametrize(
    ("imports", "expression"),
    [
        ("from unittest import mock", "mock.patch('a.b')"),
        ("import unittest.mock", "unittest.mock.patch.object(x, 'y')"),
        ("import mock", "mock.patch.dict(d, {})"),
        ("from unittest.mock import patch as p", "p.multiple('a', b=1)"),
        ("from mock import patch", "patch('a')"),
        ("from tests import mock", "mock.patch('a')"),
    ],
)
def test_every_spelling_of_a_patcher(imports: str, expression: str) -> None:
    call = astroid.extract_node(f"{imports}\n{expression} #@")
    assert patcher_call(call) is call


@pytest.mark.parametrize(
    "expression",
    ["mocker.patch('a')", "threading.Thread()", "patch('a')", "mock.patch.stopall()",
     "mymock.patch('a')"],
)
def test_look_alikes_are_no_patchers(expression: str) -> None:
    call = astroid.extract_node(
        f"import threading\nfrom unittest import mock\nfrom app import mymock\n{expression} #@"
    )
    assert patcher_call(call) is None


def test_a_loop_variable_over_appended_patchers_is_a_patcher() -> None:
    func = function(
        "from unittest import mock\n"
        "def f():\n"
        "    started = []\n"
        "    started.append(mock.patch('a'))\n"
        "    for each in reversed(started):\n"
        "        each.start()\n"
    )
    [started] = started_patches(func)
    assert started.key == "each"
    assert started.patcher.as_string() == "mock.patch('a')"


def test_self_and_cls_attributes_share_a_key() -> None:
    self_attr, cls_attr = astroid.extract_node("self.patcher #@\ncls.patcher #@")
    assert receiver_key(self_attr) == receiver_key(cls_attr) == "<self>.patcher"
    assert receiver_key(astroid.extract_node("other.patcher")) == "other.patcher"


def test_stops_have_a_place_unless_they_run_at_teardown() -> None:
    func = function(
        "from unittest import mock\n"
        "def f(request, p, q):\n"
        "    p.stop()\n"
        "    request.addfinalizer(q.stop)\n"
        "    def undo():\n"
        "        mock.patch.stopall()\n"
    )
    stops = {(stop.key, stop.position) for stop in stops_in(func, None)}
    assert stops == {("p", (3, 4)), ("q", None), ("*", None)}


def test_a_stop_before_the_start_does_not_cover_it() -> None:
    func = function(
        "from unittest import mock\n"
        "def f():\n"
        "    p = mock.patch('a')\n"
        "    p.stop()\n"
        "    p.start()\n"
        "    p.stop()\n"
    )
    [started] = started_patches(func)
    covering = [stop for stop in stops_in(func, None) if stop.covers(started)]
    assert [stop.position for stop in covering] == [(6, 4)]
