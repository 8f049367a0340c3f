"""Process-wide state changed through calls rather than writes: one table, with what undoes each.

``os.chdir(path)`` changes the working folder of the whole process as surely as
``os.environ["X"] = "1"`` changes the environment, but it is a call on a module, which the
walk otherwise treats as changing nothing. Each entry names the state (the key restores are
matched on), the functions that change it and those that put it back; the same call in a
restoring place (``finally:``, after ``yield``, a finalizer or teardown) is a restore.
"""

from __future__ import annotations

from astroid import nodes

from ..vocabulary import PROCESS_STATE, STANDARD_STREAMS, STATE_OBJECTS, ProcessState
from .names import assigned_value, name_binding, qualified_name
_BY_NAME: dict[str, tuple[ProcessState, bool]] = {
    **{name: (state, False) for state in PROCESS_STATE for name in state.changers},
    **{name: (state, True) for state in PROCESS_STATE for name in state.undoers},
}


def process_state_call(call: nodes.Call) -> tuple[ProcessState, bool] | None:
    """The state a call of the table changes (and whether it only undoes), else None."""
    name = qualified_name(call.func) or ""
    found = _BY_NAME.get(name)
    if found is None:
        return None
    state, undo = found
    if not undo and len(call.args) + len(call.keywords or ()) < state.min_args:
        return None
    return state, undo


def state_object_change(receiver: nodes.NodeNG, member: str) -> str | None:
    """``logging.getLogger("app")`` when ``receiver.member`` (a method call or an attribute
    write) changes a process-wide object's settings, else None."""
    if isinstance(receiver, nodes.Attribute) and qualified_name(receiver) in STANDARD_STREAMS:
        return qualified_name(receiver) if member == "close" else None
    call = _defining_call(receiver)
    name = (qualified_name(call.func) if call is not None else qualified_name(receiver)) or ""
    members = STATE_OBJECTS.get(name)
    if members is None or member not in members:
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
