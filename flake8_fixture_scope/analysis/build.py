"""astroid trees: the checked file's (from flake8's tree) and, on demand, those of the project's
conftests and helpers, kept per process on their (size, mtime) stamp.

Only a question that needs inference builds one (see the file model's work list).
"""

from __future__ import annotations

import ast
import contextlib
import importlib.machinery
import logging
import os
import sys
from collections.abc import Iterator
from typing import Any

import astroid
from astroid import nodes, rebuilder
from astroid.builder import AstroidBuilder

from ..project import PROJECT, ProjectFiles, Stamp, decode_source, file_stamp, module_name_for


LOG = logging.getLogger("flake8.fixture_scope")


_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


class ProjectFileBuilder(AstroidBuilder):  # type: ignore[misc]
    """astroid's builder, minus its cross-module side effect at build time.

    For every ``x.attr = value`` in a file, astroid infers ``x`` while building and files the
    assignment under the inferred module or class, even one of another (cached) module: a
    test's ``settings.DEBUG = True`` would be added to the library's module for every later
    file, keep the whole test module alive for the rest of the process, and cost inference
    (often building imported modules) for files no rule looks at twice. Only the assignments
    of a class to its own instances (``self.x = ...`` in its methods), which inference of
    ``self.x`` relies on, are filed.
    """

    def delayed_assattr(self, node: nodes.AssignAttr) -> None:
        if assigns_to_own_instance(node):
            super().delayed_assattr(node)

    def tree_build(self, tree: ast.Module, source: str, modname: str, path: str) -> nodes.Module:
        """``string_build`` from a tree flake8 already parsed, sparing a second parse.

        astroid's rebuilder drops the docstring from the ``body`` of the nodes it reads; the
        bodies are put back, since other plugins read the same tree after us.
        """
        bodies = [(node, node.body) for node in ast.walk(tree) if isinstance(node, _DOCUMENTED)]
        try:
            builder = rebuilder.TreeRebuilder(self._manager, data=source)  # by name: its place changed in 4.x
            module = builder.visit_module(tree, modname, path, os.path.basename(path) == "__init__.py")
        finally:
            for node, body in bodies:
                node.body = body
        module.file_bytes = source.encode("utf-8")
        return self._post_build(module, builder, "utf-8")


def assigns_to_own_instance(node: nodes.AssignAttr) -> bool:
    """``self.x = ...`` (or ``cls.x = ...``) in a method, with ``self`` its first parameter."""
    target = node.expr
    if not isinstance(target, nodes.Name):
        return False
    method = node.scope()
    if not isinstance(method, nodes.FunctionDef) or not isinstance(method.parent, nodes.ClassDef):
        return False
    arguments = method.args.posonlyargs + method.args.args
    return bool(arguments) and arguments[0].name == target.name


def build_module(source: str, path: str, modname: str | None = None, tree: ast.Module | None = None
                 ) -> nodes.Module | None:
    """Parse ``source`` (or build flake8's ``tree`` of it) as the file at ``path``; None (and a
    log line) when it cannot be."""
    name = modname or module_name_for(path)
    manager = astroid.MANAGER
    # astroid's brain transforms infer (and so build imported libraries) while building. The
    # checked file is built once and rarely defines the named tuples or enums they are for;
    # conftests and helpers, built once per process and shared, keep them.
    builder = ProjectFileBuilder(manager, apply_transforms=tree is None)
    try:
        if tree is not None:
            module = builder.tree_build(tree, source, name, os.path.abspath(path))
        else:
            module = builder.string_build(source, name, os.path.abspath(path))
    except (astroid.AstroidError, SyntaxError, RecursionError, ValueError, TypeError) as error:
        LOG.debug("fixture-scope: cannot parse %s: %s", path, error)
        return None
    # astroid keeps the first module built under a name forever; keep our own cache instead.
    if manager.astroid_cache.get(name) is module:
        del manager.astroid_cache[name]
    return module


class BuiltModules:
    """astroid trees of project files, built once per stamp."""

    def __init__(self, project: ProjectFiles = PROJECT) -> None:
        self.project = project
        self._modules: dict[str, tuple[Stamp, nodes.Module | None]] = {}

    def parse_file(self, path: str) -> nodes.Module | None:
        path = os.path.abspath(path)
        stamp = file_stamp(path)
        if stamp is None:
            return None
        cached = self._modules.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        module = self._read_and_build(path)
        self._modules[path] = (stamp, module)
        return module

    def _read_and_build(self, path: str) -> nodes.Module | None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            LOG.debug("fixture-scope: cannot read %s: %s", path, error)
            return None
        source = decode_source(data)
        if source is None:
            LOG.debug("fixture-scope: cannot decode %s", path)
            return None
        return build_module(source, path)

    def import_hook(self, modname: str) -> nodes.Module:
        """astroid's failed-import hook: resolve project modules under the roots."""
        path = self.project.find_module_file(modname)
        module = self.parse_file(path) if path else None
        if module is None:
            raise astroid.AstroidBuildingError(f"fixture-scope: no project module {modname}")
        return module


# The standard modules whose values the analysis asks about (containers, dataclasses, named
# tuples, enums); any other library module is never built to answer a question about a test.
VALUE_MODULES = frozenset({"builtins", "collections", "_collections_abc", "abc", "typing", "dataclasses",
                           "enum", "types", "functools", "array", "copy"})


def may_build(modname: str, project: ProjectFiles = PROJECT) -> bool:
    """The project's own modules and the value modules; not the rest of the standard library,
    and not installed packages."""
    top = modname.split(".")[0]
    if top in VALUE_MODULES:
        return True
    return project.find_module_file(modname) is not None or (
        top not in sys.stdlib_module_names and project.is_project_module(top)
        and not _installed(top))


def _installed(top: str) -> bool:
    """Found in an installed location (site-packages) rather than under the project's roots."""
    spec = importlib.machinery.PathFinder.find_spec(top, sys.path)
    origin = getattr(spec, "origin", None) or ""
    return "site-packages" in origin or "dist-packages" in origin


class _Limits:
    active = False  # only while this plugin analyses a file: other users of astroid are left alone


def limit_builds() -> None:
    """Make astroid refuse to build library modules (see ``may_build``) while we analyse."""
    manager_class = type(astroid.MANAGER)
    original = manager_class.ast_from_module_name
    if getattr(original, "fixture_scope_guard", False):
        return

    def guarded(self: Any, modname: str | None, context_file: str | None = None,
                use_cache: bool = True) -> Any:
        if _Limits.active and modname and modname not in self.astroid_cache and not may_build(modname):
            raise astroid.AstroidImportError(f"fixture-scope: {modname} is library code, not built")
        return original(self, modname, context_file, use_cache)

    guarded.fixture_scope_guard = True  # type: ignore[attr-defined]
    manager_class.ast_from_module_name = guarded


@contextlib.contextmanager
def library_modules_refused() -> Iterator[None]:
    _Limits.active = True
    try:
        yield
    finally:
        _Limits.active = False


BUILT = BuiltModules()
astroid.MANAGER.register_failed_import_hook(BUILT.import_hook)
limit_builds()
