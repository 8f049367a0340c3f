"""Process-wide state changed through calls rather than writes: one table, with what undoes each.

``os.chdir(path)`` changes the working folder of the whole process as surely as
``os.environ["X"] = "1"`` changes the environment, but it is a call on a module, which the
walk otherwise treats as changing nothing. Each entry names the state (the key restores are
matched on), the functions that change it and those that put it back; the same call in a
restoring place (``finally:``, after ``yield``, a finalizer or teardown) is a restore.
"""

from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Callable

from astroid import nodes

from ..vocabulary import PROCESS_STATE, STANDARD_STREAMS, STATE_OBJECTS, ProcessState
from .names import assigned_value, name_binding, qualified_name
# Each function of the table: its state and its part ("change", "undo", "context").
_BY_NAME: dict[str, tuple[ProcessState, str]] = {
    **{name: (state, "change") for state in PROCESS_STATE for name in state.changers},
    **{name: (state, "undo") for state in PROCESS_STATE for name in state.undoers},
    **{name: (state, "context") for state in PROCESS_STATE for name in state.contexts},
}


def process_state_call(call: nodes.Call) -> tuple[ProcessState, str] | None:
    """The state a call of the table is about, and whether it changes it ("change"), puts it back
    ("undo": an undoer, a changer given the saved value or ``None`` where that resets, or a
    restoring context manager: "context"), else None."""
    name = qualified_name(call.func) or ""
    found = _BY_NAME.get(name)
    if found is None:
        return None
    state, part = found
    if part != "change":
        return found
    if len(call.args) + len(call.keywords or ()) < state.min_args:
        return None
    if any(_is_saved_value(arg, state) for arg in call.args) or (
            state.none_resets and call.args and _is_none(call.args[0])):
        return state, "undo"  # ``locale.setlocale(LC_ALL, saved)``, ``sys.settrace(None)``
    return state, part


def _is_none(node: nodes.NodeNG) -> bool:
    return isinstance(node, nodes.Const) and node.value is None


def _is_saved_value(node: nodes.NodeNG, state: ProcessState) -> bool:
    """``old`` after ``old = os.umask(0o22)`` or ``old = os.getcwd()``: the state as it was."""
    if not isinstance(node, nodes.Name):
        return False
    binding = name_binding(node)
    value = assigned_value(binding) if binding is not None else None
    known = state.getters | state.changers
    return isinstance(value, nodes.Call) and (qualified_name(value.func) or "") in known


def is_private_logger(call: nodes.Call, is_project_module: Callable[[str], bool]) -> bool:
    """A logger no other test shares: named per test (``f"x_{tmp_path.name}"``) or named after
    no module (``"test_is_enabled_for"``). The root logger, ``__name__`` and names under a
    module (``"flask.app"``, ``"myproject.db"``) are shared."""
    if not call.args:
        return False
    name = call.args[0]
    if isinstance(name, nodes.Name) and name.name == "__name__":
        return False
    if not isinstance(name, nodes.Const) or not isinstance(name.value, str):
        return True
    top = name.value.split(".")[0]
    if top in ("test", "tests") or top.startswith("test_"):
        return True
    return not (top in sys.stdlib_module_names or is_project_module(top) or _installed(top))


def _installed(top: str) -> bool:
    return importlib.machinery.PathFinder.find_spec(top, sys.path) is not None


def state_object_change(receiver: nodes.NodeNG, member: str,
                        is_project_module: Callable[[str], bool] = lambda name: False) -> str | None:
    """``logging.getLogger("app")`` when ``receiver.member`` (a method call or an attribute
    write) changes a process-wide object's settings, else None."""
    if isinstance(receiver, nodes.Attribute) and qualified_name(receiver) in STANDARD_STREAMS:
        return qualified_name(receiver) if member == "close" else None
    call = _defining_call(receiver)
    name = (qualified_name(call.func) if call is not None else qualified_name(receiver)) or ""
    members = STATE_OBJECTS.get(name)
    if members is None or member not in members:
        return None
    if call is not None and name == "logging.getLogger" and is_private_logger(call, is_project_module):
        return None
    if call is not None and name == "logging.getLogger" and not call.args:
        return "logging.root"  # getLogger() with no name is the root logger
    text = call.as_string() if call is not None else name
    return text if len(text) <= 60 else name


def _defining_call(expr: nodes.NodeNG) -> nodes.Call | None:
    """The call an expression comes from: ``getLogger("x")`` in ``getLogger("x").setLevel``."""
    while isinstance(expr, nodes.Attribute):
        expr = expr.expr
    if isinstance(expr, nodes.Call):
        return expr
    if isinstance(expr, nodes.Name):
        binding = name_binding(expr)
        value = assigned_value(binding) if binding is not None else None
        return value if isinstance(value, nodes.Call) else None
    return None
