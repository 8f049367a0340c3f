"""What a patch call guards: the module-level target that monkeypatch or mock.patch will restore.

``monkeypatch.setattr(sys, "platform", ...)`` guards ``sys.platform``; a later plain write to
it in the same test, or in a test using a fixture that does this, is undone with the patch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from astroid import nodes

from .inference import infer_constant
from .events import Origin
from .names import subscript_text
from .names import dotted

OriginOf = Callable[[nodes.NodeNG], Origin | None]

_ATTRIBUTE_PATCHES = frozenset({"setattr", "delattr", "object"})
_ITEM_PATCHES = frozenset({"setitem", "delitem"})
_ENV_PATCHES = frozenset({"setenv", "delenv"})


def patched_key(call: nodes.Call, origin_of: OriginOf) -> str | None:
    """The key (as MutationFinder writes keys) of what a patching call restores, or None."""
    func = call.func
    method = func.attrname if isinstance(func, nodes.Attribute) else getattr(func, "name", "")
    args = list(call.args)
    if method in _ENV_PATCHES and args:
        return f"os.environ[{subscript_text(args[0])}]"
    if method == "syspath_prepend":
        return "sys.path"
    if method == "chdir":
        return "the working folder"
    if not args:
        return None
    text = args[0].value if isinstance(args[0], nodes.Const) else None
    if isinstance(text, str) and method in ("setattr", "delattr", "patch", "dict"):
        return text  # the string target form: monkeypatch.setattr("os.sep", ...), mock.patch("a.b")
    owner = origin_of(args[0])
    path = owner.path if owner is not None else dotted(args[0])
    if path is None:
        return None
    if method == "dict":
        return path
    if method in _ATTRIBUTE_PATCHES and len(args) > 1:
        name = infer_constant(args[1])
        return f"{path}.{name}" if isinstance(name, str) else None
    if method in _ITEM_PATCHES and len(args) > 1:
        return f"{path}[{subscript_text(args[1])}]"
    return None


def usefixtures_names(func: nodes.FunctionDef, cls: nodes.ClassDef | None,
                      module: nodes.Module) -> set[str]:
    """Fixture names in ``@pytest.mark.usefixtures`` on the test, its class, and ``pytestmark``."""
    names: set[str] = set()
    for owner in (func, cls):
        decorators = owner.decorators.nodes if owner is not None and owner.decorators else []
        for decorator in decorators:
            names.update(_usefixtures_arguments(decorator))
    for expr in _pytestmark_values(module, cls):
        names.update(_usefixtures_arguments(expr))
    return names


def _pytestmark_values(module: nodes.Module, cls: nodes.ClassDef | None) -> Iterator[nodes.NodeNG]:
    for container in (module, cls):
        if container is None:
            continue
        for statement in container.body:
            if not isinstance(statement, nodes.Assign):
                continue
            if any(getattr(t, "name", None) == "pytestmark" for t in statement.targets):
                value = statement.value
                yield from value.elts if isinstance(value, (nodes.List, nodes.Tuple)) else [value]


def _usefixtures_arguments(expr: nodes.NodeNG) -> Iterator[str]:
    if isinstance(expr, nodes.Name):
        expr = _module_value(expr)  # ``with_env = pytest.mark.usefixtures("env")``, then ``@with_env``
    if not isinstance(expr, nodes.Call) or not (dotted(expr.func) or "").endswith("usefixtures"):
        return
    for arg in expr.args:
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            yield arg.value


def _module_value(name: nodes.Name) -> nodes.NodeNG:
    """The value a module-level assignment gives ``name``, else ``name`` itself."""
    try:
        scope, bindings = name.lookup(name.name)
    except Exception:
        return name
    binding = bindings[0] if len(bindings) == 1 else None
    if isinstance(scope, nodes.Module) and isinstance(binding, nodes.AssignName) and isinstance(
            binding.parent, nodes.Assign):
        return binding.parent.value
    return name
