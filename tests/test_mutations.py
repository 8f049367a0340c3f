"""The mutation finder on single functions: which lines change the tracked value ``v``."""

from __future__ import annotations

import os
from typing import Any

import astroid
import pytest
from astroid import nodes

from flake8_fixture_scope.analysis.inference import parameters_inferring_to
from flake8_fixture_scope.analysis.events import Context, Origin
from flake8_fixture_scope.analysis.walk import MutationFinder

MODULE_PATH = "/virtual/project/test_unit.py"


def found(source: str, value: str | None = None, **context: Any) -> list[tuple[str, int]]:
    """(code, line) of each mutation of parameter ``v`` in the last function of ``source``.

    ``value`` is an expression the parameter infers to, as a fixture's value would.
    Lines count from the first line of ``source``.
    """
    module, param = _parse(source, value)
    func = param.parent.parent
    tips = {param: _fixture_value(module)} if value is not None else {}
    finder = MutationFinder(Context(is_project_file=lambda path: path == MODULE_PATH, **context))
    with parameters_inferring_to(tips):
        mutations = finder.find(func, {"v": Origin("v", None)})
    return [(m.code, m.node.lineno) for m in mutations]


def _parse(source: str, value: str | None) -> tuple[nodes.Module, nodes.AssignName]:
    """The module, with ``value`` bound at its end so that it is inferred in the module's names."""
    text = source if value is None else f"{source}\n_FIXTURE_VALUE = {value}\n"
    module = astroid.parse(text, module_name="test_unit", path=MODULE_PATH)
    func = [node for node in module.body if isinstance(node, nodes.FunctionDef)][-1]
    return module, next(p for p in func.args.args if p.name == "v")


def _fixture_value(module: nodes.Module) -> list[Any]:
    return list(module.body[-1].value.infer())


def actions(source: str, value: str | None = None) -> list[str]:
    module, param = _parse(source, value)
    func = param.parent.parent
    tips = {param: _fixture_value(module)} if value is not None else {}
    finder = MutationFinder(Context(is_project_file=lambda path: path == MODULE_PATH))
    with parameters_inferring_to(tips):
        return [m.action for m in finder.find(func, {"v": Origin("v", None)})]


@pytest.mark.parametrize(
    "statement",
    ['v["k"] = 1', 'v["k"] += 1', 'del v["k"]', "v[1:2] = []", 'v["a"]["b"] = 1', "v.x[0] = 1",
     'vars(v.obj)["k"] = 1', 'v.obj.__dict__["k"] = 1'],
)
def test_item_mutations(statement: str) -> None:
    assert found(f"def f(v):\n    {statement}\n") == [("FXS001", 2)]


@pytest.mark.parametrize(
    "statement",
    ["v.x = 1", "v.x += 1", "del v.x", 'setattr(v, "x", 1)', 'delattr(v, "x")', "v.a.b = 1"],
)
def test_attribute_mutations(statement: str) -> None:
    assert found(f"def f(v):\n    {statement}\n") == [("FXS003", 2)]


@pytest.mark.parametrize(
    "statement",
    ["v.append(1)", "v.sort()", "v.clear()", "random.shuffle(v)", "heapq.heapify(v)",
     "bisect.insort(v, 1)", "list.append(v, 1)", "v += [1]", "v *= 2"],
)
def test_method_mutations_on_a_list(statement: str) -> None:
    source = f"import bisect, heapq, random\ndef f(v):\n    {statement}\n"
    assert found(source, "[1, 2]") == [("FXS002", 3)]


@pytest.mark.parametrize(
    "statement",
    ["v.index(1)", "v.count(1)", "v.copy()", "random.choice(v)", "sorted(v)", "len(v)", "v + [1]"],
)
def test_reading_calls_on_a_list(statement: str) -> None:
    assert found(f"import random\ndef f(v):\n    {statement}\n", "[1, 2]") == []


def test_in_place_operator_on_immutable_values() -> None:
    assert found("def f(v):\n    v += (1,)\n", "(1, 2)") == []
    assert found("def f(v):\n    v += 1\n", "1") == []
    assert found("def f(v):\n    v[0] = 1\n", "(1, 2)") == []


def test_unknown_type_method_reported_only_when_configured() -> None:
    source = 'def f(v):\n    v.get("/")\n    v.execute("x")\n    v.append(1)\n'
    assert found(source) == []
    assert found(source, mutating_methods=frozenset({"execute"})) == [("FXS002", 3)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("a = b = v\n    a['x'] = 1\n    b['y'] = 1", [("FXS001", 3), ("FXS001", 4)]),
        ("a, b = v, {}\n    b['x'] = 1\n    a['x'] = 1", [("FXS001", 4)]),
        ("a, b = v, {}\n    a, b = b, a\n    a['x'] = 1\n    b['x'] = 1", [("FXS001", 5)]),
        ("for row in v['rows']:\n        row['x'] = 1", [("FXS001", 3)]),
        ("with v as handle:\n        handle.x = 1", [("FXS003", 3)]),
        ("x = v if flag else {}\n    x['k'] = 1", [("FXS001", 3)]),
        ("if (x := v['a']):\n        x['k'] = 1", [("FXS001", 3)]),
        ("v = {}\n    v['k'] = 1", []),
        ("x = v\n    x = {}\n    x['k'] = 1", []),
    ],
)
def test_aliases(body: str, expected: list[tuple[str, int]]) -> None:
    assert found(f"def f(v, flag):\n    {body}\n") == expected


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ('dict(v)["x"] = 1', []),
        ('dict(v)["db"]["x"] = 1', [("FXS001", 3)]),
        ('copy.copy(v)["db"]["x"] = 1', [("FXS001", 3)]),
        ('copy.deepcopy(v)["db"]["x"] = 1', []),
        ('v.copy()["x"] = 1', []),
        ('{**v}["x"] = 1', []),
        ("[*v['l']].append(1)", []),
        ("v['l'][:].append(1)", []),
        ("[x for x in v['l']].append(1)", []),
    ],
)
def test_copies(statement: str, expected: list[tuple[str, int]]) -> None:
    source = f"import copy\ndef f(v):\n    {statement}\n"
    assert found(source, '{"db": {}, "l": [1]}') == expected


def test_frozen_dataclass_and_named_tuple_refuse_attributes() -> None:
    source = (
        "import collections, dataclasses\n"
        "@dataclasses.dataclass(frozen=True)\nclass Frozen:\n    a: int\n"
        "Point = collections.namedtuple('Point', 'x y')\n"
        "def f(v):\n    v.a = 1\n    setattr(v, 'a', 1)\n"
    )
    assert found(source, "Frozen(1)") == []
    assert found(source, "Point(1, 2)") == []
    assert found(source, "{}") == []


def test_user_class_method_mutating_self_through_another_method() -> None:
    source = (
        "class Store:\n"
        "    def __init__(self):\n        self.items = []\n"
        "    def add(self, x):\n        self._push(x)\n"
        "    def _push(self, x):\n        self.items.append(x)\n"
        "    def first(self):\n        return self.items[0]\n"
        "def f(v):\n    v.first()\n    v.add(1)\n"
    )
    assert found(source, "Store()") == [("FXS002", 12)]
    assert actions(source, "Store()") == [".add()"]


def test_helper_call_names_the_helper_and_the_mutating_line() -> None:
    source = (
        "def inner(d):\n    d['k'] = 1\n"
        "def outer(d, other=None):\n    inner(d)\n"
        "def reader(d):\n    return d['k']\n"
        "def f(v):\n    reader(v)\n    inner(v)\n    outer(other=None, d=v)\n"
    )
    where = os.path.relpath(MODULE_PATH)
    assert found(source) == [("FXS001", 9), ("FXS001", 10)]
    assert actions(source) == [
        f"calling 'inner()' (item assignment at {where}:2)",
        f"calling 'outer()' (item assignment in 'inner()' at {where}:2)",
    ]


def test_closures_and_shadowing_parameters() -> None:
    source = (
        "def f(v):\n"
        "    def add():\n        v.append(1)\n"
        "    def shadow(v):\n        v.append(1)\n"
        "    reset = lambda: v.clear()\n"
    )
    assert found(source, "[]") == [("FXS002", 3), ("FXS002", 6)]


def test_restored_mutations_are_dropped() -> None:
    source = (
        "def f(v):\n"
        "    v['mode'] = 1\n"
        "    v['kept'] = 1\n"
        "    try:\n        pass\n"
        "    finally:\n        del v['mode']\n"
    )
    assert found(source) == [("FXS001", 3)]
    fixture = "def f(v):\n    v['mode'] = 1\n    yield v\n    v.pop('mode')\n"
    assert found(fixture, "{}") == []


def test_monkeypatch_calls_are_not_mutations() -> None:
    source = (
        "def f(v, monkeypatch):\n"
        "    monkeypatch.setitem(v, 'k', 1)\n"
        "    monkeypatch.setattr(v, 'k', 1)\n"
    )
    assert found(source, "{}") == []


def test_comprehension_calling_a_mutating_method() -> None:
    assert found("def f(v):\n    [v.append(x) for x in range(3)]\n", "[]") == [("FXS002", 2)]
