"""FXS011 and FXS030: what a broad fixture hands out (a mutable container, an unclosed resource)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from astroid import nodes

from ..analysis.consumers import Consumer
from ..analysis.fixtures import Fixture, Scope
from ..analysis.inference import infer_values, instance_class, type_name
from ..analysis.calls import may_call_project_code
from ..analysis.names import assigned_value, expression_root, is_parameter, name_binding, qualified_name
from ..project import PROJECT
from ..rules import RULES
from ..settings import Settings
from .shared_values import Violation

_CONTAINER_KINDS = {
    "builtins.list": "list", "builtins.dict": "dict", "builtins.set": "set",
    "builtins.bytearray": "bytearray", "collections.defaultdict": "dict",
    "collections.OrderedDict": "dict", "collections.Counter": "dict",
}
_LITERAL_KINDS = {nodes.List: "list", nodes.ListComp: "list", nodes.Dict: "dict",
                  nodes.DictComp: "dict", nodes.Set: "set", nodes.SetComp: "set"}
_CLOSING_METHODS = ("close", "dispose", "shutdown", "stop", "terminate")
# Calls known to open a resource, for when inference cannot see through C code or packages.
RESOURCE_FACTORIES = frozenset(
    "builtins.open io.open os.fdopen socket.socket socket.create_connection sqlite3.connect "
    "subprocess.Popen tempfile.TemporaryDirectory tempfile.NamedTemporaryFile "
    "tempfile.TemporaryFile tempfile.SpooledTemporaryFile concurrent.futures.ThreadPoolExecutor "
    "concurrent.futures.ProcessPoolExecutor multiprocessing.Pool sqlalchemy.create_engine "
    "sqlalchemy.ext.asyncio.create_async_engine httpx.Client httpx.AsyncClient requests.Session "
    "aiohttp.ClientSession fastapi.testclient.TestClient starlette.testclient.TestClient "
    "psycopg2.connect psycopg.connect pymysql.connect redis.Redis redis.StrictRedis smtplib.SMTP "
    "ftplib.FTP urllib.request.urlopen zipfile.ZipFile tarfile.open shelve.open dbm.open".split()
)


def broad_fixtures(consumers: list[Consumer], settings: Settings
                   ) -> Iterator[tuple[Fixture, nodes.FunctionDef, Scope]]:
    for consumer in consumers:
        fixture = consumer.fixture
        if (fixture is not None and fixture.scope is not None and fixture.scope > Scope.FUNCTION
                and fixture.scope in settings.broad_scopes
                and fixture.name not in settings.allow_mutation):
            yield fixture, consumer.func, fixture.scope


def handed_out(func: nodes.FunctionDef) -> list[nodes.NodeNG]:
    """The ``return`` values of a plain fixture, or the first ``yield`` of a generator fixture."""
    if func.is_generator():
        first = next((y for y in func.nodes_of_class(nodes.Yield) if y.scope() is func), None)
        return [first] if first is not None else []
    return [r for r in func.nodes_of_class(nodes.Return) if r.scope() is func and r.value is not None]


def check_mutable_handouts(consumers: list[Consumer], settings: Settings) -> Iterator[Violation]:
    """FXS011: a broad fixture returns or yields a list, dict, set or bytearray."""
    for fixture, func, scope in broad_fixtures(consumers, settings):
        for statement in handed_out(func):
            kind = container_kind(statement.value)
            if kind is not None:
                message = RULES["FXS011"].format(scope=scope.label, fixture=fixture.name, kind=kind)
                yield Violation(statement.lineno or 1, statement.col_offset or 0, message)


def container_kind(value: nodes.NodeNG | None) -> str | None:
    if value is None:
        return None
    for literal, kind in _LITERAL_KINDS.items():
        if isinstance(value, literal):
            return kind
    call = _creating_call(value)
    if call is not None and qualified_name(call.func) in _CONTAINER_KINDS:
        return _CONTAINER_KINDS[qualified_name(call.func) or ""]
    if not worth_inferring(value):
        return None
    kinds = {_CONTAINER_KINDS.get(type_name(v) or "") for v in infer_values(value)}
    if len(kinds) == 1 and None not in kinds:
        return kinds.pop()
    return None


def check_unclosed_resources(consumers: list[Consumer], settings: Settings) -> Iterator[Violation]:
    """FXS030: a broad fixture returns (no teardown) a value that needs closing."""
    for fixture, func, scope in broad_fixtures(consumers, settings):
        if func.is_generator() or _adds_finalizer(func):
            continue
        for statement in handed_out(func):
            what = resource_description(statement.value)
            if what is not None:
                message = RULES["FXS030"].format(scope=scope.label, fixture=fixture.name, what=what)
                yield Violation(statement.lineno or 1, statement.col_offset or 0, message)


def _adds_finalizer(func: nodes.FunctionDef) -> bool:
    return any(
        isinstance(call.func, nodes.Attribute) and call.func.attrname in ("addfinalizer", "addCleanup")
        for call in func.nodes_of_class(nodes.Call)
    )


def resource_description(value: nodes.NodeNG | None) -> str | None:
    """How to name the resource ``value`` evaluates to, or None when it needs no closing."""
    call = _creating_call(value)
    if call is not None and qualified_name(call.func) in RESOURCE_FACTORIES:
        return f"'{call.func.as_string()}()'"
    if not worth_inferring(value):
        return None
    for inferred in infer_values(value):
        if _has_closing_method(inferred):
            return f"a '{type_name(inferred) or 'resource'}' object"
    return None


def worth_inferring(value: nodes.NodeNG | None) -> bool:
    """Inference only for what project code makes: a library call's result (a server, a
    client) is not built from the library's source just to learn its type."""
    call = _creating_call(value)
    if call is None:  # a constant bound by plain assignment; not a parameter or ``with`` target
        binding = name_binding(value) if isinstance(value, nodes.Name) else None
        return binding is not None and assigned_value(binding) is not None
    root = expression_root(call.func)
    if root is not None and is_parameter(name_binding(root)):
        return False  # a fixture's own parameter: its value is not known here
    return may_call_project_code(call.func, PROJECT.is_project_module)


def _creating_call(value: nodes.NodeNG | None) -> nodes.Call | None:
    """The call that made ``value``: the value itself, or what a local name was assigned."""
    if isinstance(value, nodes.Call):
        return value
    if isinstance(value, nodes.Name):
        try:
            _scope, bindings = value.lookup(value.name)
        except Exception:
            return None
        if len(bindings) == 1 and isinstance(bindings[0].parent, nodes.Assign):
            assigned = bindings[0].parent.value
            return assigned if isinstance(assigned, nodes.Call) else None
    return None


def _has_closing_method(value: Any) -> bool:
    cls = instance_class(value)
    if cls is None or cls.root().name == "builtins":
        return False
    for method in _CLOSING_METHODS:
        try:
            if cls.getattr(method):
                return True
        except Exception:
            continue
    return False
