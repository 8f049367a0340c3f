"""The xunit teardowns that run after a function: its matching one, and those of its class and
module (also bound by a module-level alias)."""

from __future__ import annotations

from collections.abc import Callable

from astroid import nodes

from .consumers import XUNIT_TEARDOWNS
from .state_roots import class_of


# Whether a file is the project's own code (its classes' methods are read, a library's are not).
Readable = Callable[[str], bool]


def _nothing_inherited(path: str) -> bool:
    return False


def matching_teardown(setup: nodes.FunctionDef, readable: Readable = _nothing_inherited
                      ) -> nodes.FunctionDef | None:
    """The teardown that runs after ``setup``: in its module, or as its class resolves it
    (its own, else inherited from a readable base)."""
    name = XUNIT_TEARDOWNS.get(setup.name)
    container = setup.parent
    if name is None or not isinstance(container, (nodes.Module, nodes.ClassDef)):
        return None
    if isinstance(container, nodes.ClassDef):
        return resolved_method(container, name, readable)
    return _hook(container, name)


def resolved_method(cls: nodes.ClassDef, name: str, readable: Readable = _nothing_inherited
                    ) -> nodes.FunctionDef | None:
    """The method ``name`` that attribute lookup finds on ``cls``: its own, else the first class
    of its MRO that defines it, when that class is readable (a library's ``setUp`` is not read)."""
    for owner in _mro(cls):
        hook = _hook(owner, name)
        if hook is not None:
            return hook if owner is cls or readable(owner.root().file or "") else None
        if name in owner.locals:
            return None  # bound some other way (``tearDown = None``): not a function read here
    return None


def _mro(cls: nodes.ClassDef) -> list[nodes.ClassDef]:
    try:
        return [k for k in cls.mro() if isinstance(k, nodes.ClassDef)]
    except Exception:  # an inconsistent or uninferable hierarchy: its ancestors in order
        try:
            return [cls, *cls.ancestors()]
        except Exception:
            return [cls]


def matching_setup(teardown: nodes.FunctionDef) -> nodes.FunctionDef | None:
    """``setup_module`` for ``teardown_module``, ``setUpClass`` for ``tearDownClass``: the
    set-up of the same level, in the same module or class."""
    name = next((setup for setup, down in XUNIT_TEARDOWNS.items() if down == teardown.name), None)
    container = teardown.parent
    if name is None or not isinstance(container, (nodes.Module, nodes.ClassDef)):
        return None
    return _hook(container, name)


_CLASS_TEARDOWNS = ("teardown_method", "teardown", "tearDown", "teardown_class", "tearDownClass")
_MODULE_TEARDOWNS = ("teardown_module", "tearDownModule")


PER_TEST_TEARDOWNS = frozenset({"teardown_method", "tearDown", "teardown", "teardown_function"})


def enclosing_teardowns(func: nodes.FunctionDef, readable: Readable = _nothing_inherited
                        ) -> list[nodes.FunctionDef]:
    """The xunit teardowns that run after ``func`` (a test or a set-up) at its level or an
    enclosing one: ``teardown_method``/``teardown_class`` of its class (or inherited from a
    readable base), ``teardown_module``."""
    found: list[nodes.FunctionDef] = []
    cls = class_of(func)
    if cls is not None:
        hooks = [resolved_method(cls, name, readable) for name in _CLASS_TEARDOWNS]
        found += [hook for hook in hooks if hook is not None]
    module = func.root()
    names = _MODULE_TEARDOWNS if cls is not None else ("teardown_function",) + _MODULE_TEARDOWNS
    found += [hook for name in names if (hook := _hook(module, name)) is not None]
    return [hook for hook in found if hook is not func]


def _hook(container: nodes.Module | nodes.ClassDef, name: str) -> nodes.FunctionDef | None:
    """The function bound to ``name`` in ``container``: a ``def``, or an alias of one
    (``teardown_module = setup_function``)."""
    for statement in container.body:
        if isinstance(statement, nodes.FunctionDef) and statement.name == name:
            return statement
        if (isinstance(statement, nodes.Assign) and isinstance(statement.value, nodes.Name)
                and any(getattr(t, "name", None) == name for t in statement.targets)):
            target = statement.value.name
            return next((s for s in container.body if isinstance(s, nodes.FunctionDef) and s.name == target),
                        None)
    return None
