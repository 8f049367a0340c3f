"""Creation-order counters: state no later test can observe through its outcome.

Definition: a counter is a class attribute (or a module global) whose every write in its module
is its initial constant in the class body (or at module level) and increments by a constant
(``Node._counter += 1``, ``global n; n += 1``), and whose module reads it, every time in a
function that increments it, in a statement that hands the value to the new object
(``self.id = f"node{Node._counter}"``) or returns it. Such a value is only ever compared with
others made the same way, or used as a unique name: which number a test gets depends on what
ran before, but nothing reads the number as a number. A test module that reads the attribute
itself (``assert Node._counter == 2``) observes it, and the change stays reported there; a
count its own module never reads (``Registry.created += 1``) is kept for someone else to read,
and stays state.
"""

from __future__ import annotations

from collections.abc import Iterator

from astroid import nodes

from .names import dotted


def counter_name(write: nodes.NodeNG) -> str:
    """The attribute (or global) name when ``write`` is the increment of a creation-order counter,
    else ""."""
    augmented = write.parent if isinstance(write, (nodes.AssignAttr, nodes.AssignName)) else None
    if not isinstance(augmented, nodes.AugAssign) or not _is_constant_step(augmented):
        return ""
    name = write.attrname if isinstance(write, nodes.AssignAttr) else write.name
    module = write.root()
    if not isinstance(module, nodes.Module):
        return ""
    reads = list(_reads(module, name))
    if reads and all(_is_counter_write(node, name) for node in _writes(module, name)) and all(
            _hands_out_the_count(node, name) for node in reads):
        return str(name)
    return ""


def reads_attribute(module: nodes.Module, name: str) -> bool:
    """Whether ``module`` reads an attribute (or a global) called ``name`` anywhere."""
    return any(True for _ in _reads(module, name))


def _is_constant_step(augmented: nodes.AugAssign) -> bool:
    return augmented.op in ("+=", "-=") and isinstance(augmented.value, nodes.Const) and isinstance(
        augmented.value.value, int)


def _writes(module: nodes.Module, name: str) -> list[nodes.NodeNG]:
    found: list[nodes.NodeNG] = [n for n in module.nodes_of_class(nodes.AssignAttr) if n.attrname == name]
    found += [n for n in module.nodes_of_class(nodes.AssignName) if n.name == name]
    found += [n for n in module.nodes_of_class((nodes.DelAttr, nodes.DelName))
              if getattr(n, "attrname", getattr(n, "name", None)) == name]
    return found


def _is_counter_write(node: nodes.NodeNG, name: str) -> bool:
    """An increment by a constant, or the initial constant in a class body or at module level."""
    parent = node.parent
    if isinstance(parent, nodes.AugAssign):
        return _is_constant_step(parent)
    if isinstance(node, nodes.AssignName) and isinstance(parent, nodes.Assign) and isinstance(
            parent.parent, (nodes.ClassDef, nodes.Module)):
        return isinstance(parent.value, nodes.Const) and isinstance(parent.value.value, int)
    if isinstance(node, nodes.AssignName) and isinstance(parent, nodes.Arguments):
        return True  # a parameter of the same name in some function: another variable
    return False


def _reads(module: nodes.Module, name: str) -> Iterator[nodes.NodeNG]:
    for node in module.nodes_of_class(nodes.Attribute):
        if node.attrname == name:
            yield node
    for node in module.nodes_of_class(nodes.Name):
        if node.name == name and _is_module_global(node):
            yield node


def _is_module_global(node: nodes.Name) -> bool:
    try:
        scope, _bindings = node.lookup(node.name)
    except Exception:
        return False
    return isinstance(scope, nodes.Module)


def _hands_out_the_count(read: nodes.NodeNG, name: str) -> bool:
    """``self.id = f"n{Node._counter}"`` or ``return Node._counter`` in a function that increments."""
    statement = read.statement()
    func = read.scope()
    if not isinstance(func, nodes.FunctionDef) or not any(
            getattr(a.target, "attrname", getattr(a.target, "name", None)) == name
            for a in func.nodes_of_class(nodes.AugAssign)):
        return False
    if isinstance(statement, nodes.Return):
        return True
    if not isinstance(statement, nodes.Assign) or not func.args.args:
        return False
    receiver = func.args.args[0].name
    return all(isinstance(t, nodes.AssignAttr) and dotted(t.expr) == receiver for t in statement.targets)
