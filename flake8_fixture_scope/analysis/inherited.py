"""An inherited teardown that undoes a change its class's set-up no longer makes.

A base's ``tearDown`` puts back what the base's ``setUp`` changed. A subclass that overrides
``setUp`` without calling the base's (``super().setUp()``) still runs the inherited
``tearDown``: what it "restores" was never changed, so its writes are changes of their own
(``sys.stdout.close(); sys.stdout = ...`` on the real stream). They are reported at the
overriding set-up, the line a user fixes (call the base's set-up) or comments with noqa; the
base's teardown is right for its other subclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from astroid import nodes

from .consumers import XUNIT_TEARDOWNS
from .events import Context, Mutation
from .module_state import ModuleStateFinder
from .restore_syntax import overlapping
from .restores import UNDO, is_reset
from .state_roots import module_state_roots
from .teardowns import resolved_method


@dataclass(frozen=True)
class OrphanUndo:
    """A write of an inherited teardown whose matching set-up the class overrode."""

    setup: nodes.FunctionDef  # the overriding set-up, where it is reported
    teardown: nodes.FunctionDef  # the inherited teardown
    mutation: Mutation  # the write in the teardown


def orphan_undos(module: nodes.Module, context: Context) -> Iterator[OrphanUndo]:
    """Every class of ``module`` whose own set-up overrides a base's without calling it, while
    the base's matching teardown is inherited: the teardown's writes of what the base's set-up
    changed, and the overriding set-up does not."""
    for cls in module.nodes_of_class(nodes.ClassDef):
        for setup in cls.body:
            if isinstance(setup, nodes.FunctionDef) and setup.name in XUNIT_TEARDOWNS:
                yield from _orphans_of(cls, setup, context)


def _orphans_of(cls: nodes.ClassDef, setup: nodes.FunctionDef, context: Context) -> Iterator[OrphanUndo]:
    teardown = resolved_method(cls, XUNIT_TEARDOWNS[setup.name], context.is_project_file)
    owner = teardown.parent if teardown is not None else None
    if teardown is None or owner is cls or not isinstance(owner, nodes.ClassDef):
        return
    overridden = resolved_method(owner, setup.name, context.is_project_file)
    if overridden is None or overridden.parent is not owner or _calls_overridden(setup):
        return
    undone = _changed_keys(overridden, context)
    made_here = _changed_keys(setup, context)
    reported: set[str] = set()
    for mutation in _writes(teardown, context):
        if mutation.key in reported or not any(overlapping(mutation.key, k) for k in undone):
            continue
        if any(overlapping(mutation.key, k) for k in made_here):
            continue  # this set-up makes the change itself: the teardown undoes it
        reported.add(mutation.key)
        yield OrphanUndo(setup, teardown, mutation)


def _calls_overridden(setup: nodes.FunctionDef) -> bool:
    """``super().setUp()``, ``Base.setUp(self)``: the base's set-up still runs."""
    return any(isinstance(call.func, nodes.Attribute) and call.func.attrname == setup.name
               for call in setup.nodes_of_class(nodes.Call))


def _changed_keys(func: nodes.FunctionDef, context: Context) -> list[str]:
    return [m.key for m in _writes(func, context)]


def _writes(func: nodes.FunctionDef, context: Context) -> list[Mutation]:
    """What ``func`` writes to module-level state, walked as a change (not as a restore)."""
    finder = ModuleStateFinder(context)
    owner = func.parent if isinstance(func.parent, nodes.ClassDef) else None
    finder.find(func, module_state_roots(func, owner))
    return [m for m in finder.mutations if not m.restoring and m.code != UNDO and not is_reset(m)]
