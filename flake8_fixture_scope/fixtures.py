"""The fixture model: scopes, fixture definitions read from decorators, and requests."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from astroid import nodes

from .inference import infer_constant
from .names import assigned_value, qualified_name

FIXTURE_DECORATORS = frozenset(
    {
        "pytest.fixture",
        "pytest.yield_fixture",
        "_pytest.fixtures.fixture",
        "pytest_asyncio.fixture",
    }
)
# Patch decorators that pass the mock as an extra leading argument.
_INJECTING_PATCHES = ("mock.patch", "mock.patch.object")


class Scope(enum.IntEnum):
    FUNCTION = 0
    CLASS = 1
    MODULE = 2
    PACKAGE = 3
    SESSION = 4

    @classmethod
    def parse(cls, text: object) -> Scope | None:
        if isinstance(text, str):
            return cls.__members__.get(text.strip().upper())
        return None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Fixture:
    """One fixture definition. ``scope`` is None when it cannot be read without running code."""

    name: str
    scope: Scope | None
    path: str
    line: int
    autouse: bool = False
    node: nodes.FunctionDef | None = field(default=None, compare=False, repr=False)
    loop_scope: Scope | None = None


def fixture_options(func: nodes.FunctionDef) -> dict[str, nodes.NodeNG] | None:
    """The keyword arguments of the fixture decorator on ``func``, or None if it is no fixture."""
    if not func.decorators:
        return None
    for decorator in func.decorators.nodes:
        options = _decorator_options(decorator, 0)
        if options is not None:
            return options
    return None


def _decorator_options(expr: nodes.NodeNG, depth: int) -> dict[str, nodes.NodeNG] | None:
    if depth > 4:
        return None
    if isinstance(expr, nodes.Call):
        if qualified_name(expr.func) == "functools.partial" and expr.args:
            base = _decorator_options(expr.args[0], depth + 1)
        else:
            base = _decorator_options(expr.func, depth + 1)
        if base is None:
            return None
        return {**base, **{kw.arg: kw.value for kw in expr.keywords or () if kw.arg}}
    name = qualified_name(expr)
    if name in FIXTURE_DECORATORS:
        return {}
    if isinstance(expr, nodes.Name):
        value = _module_alias_value(expr)
        if value is not None:
            return _decorator_options(value, depth + 1)
    return None


def _module_alias_value(expr: nodes.Name) -> nodes.NodeNG | None:
    try:
        _scope, bindings = expr.lookup(expr.name)
    except Exception:
        return None
    if len(bindings) == 1:
        return assigned_value(bindings[0])
    return None


def read_fixture(func: nodes.FunctionDef, path: str) -> Fixture | None:
    options = fixture_options(func)
    if options is None:
        return None
    name_node = options.get("name")
    name = infer_constant(name_node) if name_node is not None else func.name
    scope_node = options.get("scope")
    scope = Scope.FUNCTION if scope_node is None else Scope.parse(infer_constant(scope_node))
    loop_node = options.get("loop_scope")
    autouse_node = options.get("autouse")
    return Fixture(
        name=name if isinstance(name, str) else func.name,
        scope=scope,
        path=path,
        line=func.lineno or 0,
        autouse=bool(autouse_node is not None and infer_constant(autouse_node) is True),
        node=func,
        loop_scope=Scope.parse(infer_constant(loop_node)) if loop_node is not None else None,
    )


def read_fixtures(container: nodes.Module | nodes.ClassDef, path: str) -> dict[str, Fixture]:
    """Fixtures defined directly in a module or class body, by registered name (last wins)."""
    found: dict[str, Fixture] = {}
    for statement in container.body:
        if isinstance(statement, nodes.FunctionDef):
            fixture = read_fixture(statement, path)
            if fixture is not None:
                found[fixture.name] = fixture
    return found


def requested_params(func: nodes.FunctionDef, is_method: bool) -> list[nodes.AssignName]:
    """Parameters pytest fills with fixtures: no defaults, no positional-only, not self."""
    args = func.args
    if args.args is None:
        return []
    positional = list(args.posonlyargs or []) + list(args.args)
    defaulted = len(args.defaults or [])
    without_default = positional[: len(positional) - defaulted] if defaulted else positional
    params = [p for p in without_default if p not in (args.posonlyargs or [])]
    if is_method and not _is_staticmethod(func) and positional and params[:1] == positional[:1]:
        params = params[1:]
    params = params[_patch_decorator_count(func):]
    for kwarg, default in zip(args.kwonlyargs or [], args.kw_defaults or []):
        if default is None:
            params.append(kwarg)
    return params


def _is_staticmethod(func: nodes.FunctionDef) -> bool:
    decorators = func.decorators.nodes if func.decorators else []
    return any(qualified_name(d) == "builtins.staticmethod" for d in decorators)


def _patch_decorator_count(func: nodes.FunctionDef) -> int:
    count = 0
    for decorator in func.decorators.nodes if func.decorators else []:
        if not isinstance(decorator, nodes.Call):
            continue
        name = qualified_name(decorator.func) or ""
        if not name.endswith(_INJECTING_PATCHES):
            continue
        gives_new = any(kw.arg == "new" for kw in decorator.keywords or ())
        new_position = 2 if name.endswith("object") else 1
        if gives_new or len(decorator.args) > new_position:
            continue
        count += 1
    return count


def parametrized_names(func: nodes.FunctionDef) -> set[str]:
    """Argument names supplied by ``pytest.mark.parametrize`` on the function or its classes."""
    marks: list[nodes.NodeNG] = list(func.decorators.nodes) if func.decorators else []
    for scope in _enclosing_scopes(func):
        if isinstance(scope, nodes.ClassDef) and scope.decorators:
            marks.extend(scope.decorators.nodes)
        marks.extend(_pytestmark_values(scope))
    names: set[str] = set()
    for mark in marks:
        names |= _parametrize_argnames(mark)
    return names


def _enclosing_scopes(func: nodes.FunctionDef) -> list[nodes.LocalsDictNodeNG]:
    scopes: list[nodes.LocalsDictNodeNG] = []
    node: nodes.NodeNG | None = func.parent
    while node is not None:
        if isinstance(node, (nodes.ClassDef, nodes.Module)):
            scopes.append(node)
        node = node.parent
    return scopes


def _pytestmark_values(scope: nodes.LocalsDictNodeNG) -> list[nodes.NodeNG]:
    values: list[nodes.NodeNG] = []
    for statement in scope.body:
        if isinstance(statement, nodes.Assign) and any(
            isinstance(t, nodes.AssignName) and t.name == "pytestmark" for t in statement.targets
        ):
            value = statement.value
            values.extend(value.elts if isinstance(value, (nodes.List, nodes.Tuple)) else [value])
    return values


def parametrize_call(mark: nodes.NodeNG) -> nodes.Call | None:
    if isinstance(mark, nodes.Call) and (qualified_name(mark.func) or "").endswith("mark.parametrize"):
        return mark
    return None


def parametrize_argnames(call: nodes.Call) -> list[str]:
    argnames = call.args[0] if call.args else next(
        (kw.value for kw in call.keywords or () if kw.arg == "argnames"), None
    )
    if isinstance(argnames, nodes.Const) and isinstance(argnames.value, str):
        return [n.strip() for n in argnames.value.split(",") if n.strip()]
    if isinstance(argnames, (nodes.List, nodes.Tuple)):
        return [e.value for e in argnames.elts if isinstance(e, nodes.Const) and isinstance(e.value, str)]
    return []


def _parametrize_argnames(mark: nodes.NodeNG) -> set[str]:
    call = parametrize_call(mark)
    if call is None:
        return set()
    names = set(parametrize_argnames(call))
    indirect = next((kw.value for kw in call.keywords or () if kw.arg == "indirect"), None)
    if isinstance(indirect, nodes.Const) and indirect.value is True:
        return set()
    if isinstance(indirect, (nodes.List, nodes.Tuple)):
        names -= {e.value for e in indirect.elts if isinstance(e, nodes.Const)}
    return names
