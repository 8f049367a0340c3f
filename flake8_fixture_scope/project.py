"""The files of the project under check: rootdir, module names, parsing with a per-process cache.

Nothing here imports or runs the code it reads. Modules parsed from disk are cached on
(path, size, mtime), so an editor's long-lived process sees an edited conftest.
"""

from __future__ import annotations

import ast
import configparser
import io
import logging
import os
import sys
import tokenize
from dataclasses import dataclass

import astroid
from astroid import nodes, rebuilder
from astroid.builder import AstroidBuilder

LOG = logging.getLogger("flake8.fixture_scope")

_INI_FILES = ("pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini")
_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Stamp:
    size: int
    mtime_ns: int


def file_stamp(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return Stamp(info.st_size, info.st_mtime_ns)


def module_name_for(path: str) -> str:
    """The dotted name pytest's default import mode gives a file (packages via __init__.py)."""
    folder, filename = os.path.split(os.path.abspath(path))
    parts = [os.path.splitext(filename)[0]]
    if parts[0] == "__init__":
        parts = []
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        folder, package = os.path.split(folder)
        parts.insert(0, package)
        if not package:
            break
    return ".".join(p for p in parts if p) or "__init__"


def package_base(path: str) -> str:
    """The folder from which ``module_name_for(path)`` is importable."""
    folder = os.path.dirname(os.path.abspath(path))
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return folder


def is_pytest_config(folder: str) -> bool:
    if any(os.path.isfile(os.path.join(folder, name)) for name in _INI_FILES):
        return True
    pyproject = os.path.join(folder, "pyproject.toml")
    if os.path.isfile(pyproject) and _file_contains(pyproject, ("[tool.pytest]", "[tool.pytest.")):
        return True
    return _ini_has_section(os.path.join(folder, "tox.ini"), "pytest") or _ini_has_section(
        os.path.join(folder, "setup.cfg"), "tool:pytest"
    )


def _file_contains(path: str, needles: tuple[str, ...]) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return False
    return any(needle in text for needle in needles)


def _ini_has_section(path: str, section: str) -> bool:
    if not os.path.isfile(path):
        return False
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return _file_contains(path, (f"[{section}]",))
    return parser.has_section(section)


def relative(path: str) -> str:
    """``path`` as messages show it: relative to the working folder when it can be."""
    if not os.path.isabs(path):
        return path
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def decode_source(data: bytes) -> str | None:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None


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
            builder = rebuilder.TreeRebuilder(self._manager, source)
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


class ProjectFiles:
    """Per-process knowledge of folders and files: rootdirs, conftests, parsed modules."""

    def __init__(self) -> None:
        self._modules: dict[str, tuple[Stamp, nodes.Module | None]] = {}
        self._rootdirs: dict[str, str] = {}
        self.search_roots: list[str] = []
        self._project_modules: dict[str, bool] = {}
        self.replaced = 0  # how many cached modules were rebuilt because their file changed

    def parse_file(self, path: str) -> nodes.Module | None:
        path = os.path.abspath(path)
        stamp = file_stamp(path)
        if stamp is None:
            return None
        cached = self._modules.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        if cached is not None:
            self.replaced += 1
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

    def is_current(self, module: nodes.Module) -> bool:
        """False when ``module`` was parsed from a file that has changed since."""
        path = os.path.abspath(module.file or "")
        cached = self._modules.get(path)
        if cached is None or cached[1] is not module:
            return True  # not one of ours (a library module astroid built): never edited here
        return file_stamp(path) == cached[0]

    def rootdir(self, folder: str) -> str:
        """The nearest folder upward holding pytest configuration, else the filesystem root."""
        folder = os.path.abspath(folder)
        if folder in self._rootdirs:
            return self._rootdirs[folder]
        parent = os.path.dirname(folder)
        if is_pytest_config(folder) or parent == folder:
            found = folder
        else:
            found = self.rootdir(parent)
        self._rootdirs[folder] = found
        return found

    def conftest_paths(self, file_path: str) -> list[str]:
        """conftest.py files that apply to ``file_path``, nearest first, up to its rootdir."""
        folder = os.path.dirname(os.path.abspath(file_path))
        top = self.rootdir(folder)
        found: list[str] = []
        while True:
            candidate = os.path.join(folder, "conftest.py")
            if os.path.isfile(candidate):
                found.append(candidate)
            parent = os.path.dirname(folder)
            if folder == top or parent == folder:
                return found
            folder = parent

    def remember_roots(self, file_path: str) -> None:
        """Let project modules be found from this file's rootdir and package base, first."""
        roots = list(dict.fromkeys(
            [self.rootdir(os.path.dirname(os.path.abspath(file_path))), package_base(file_path)]
        ))
        if self.search_roots[:len(roots)] != roots:
            self.search_roots = roots + [r for r in self.search_roots if r not in roots]
            self._project_modules.clear()

    def find_module_file(self, modname: str) -> str | None:
        """A project module's file, looked up under the remembered roots."""
        parts = modname.split(".")
        if not all(parts):
            return None
        for root in self.search_roots:
            base = os.path.join(root, *parts)
            for candidate in (base + ".py", os.path.join(base, "__init__.py")):
                if os.path.isfile(candidate):
                    return candidate
        return None

    def is_project_module(self, top_level: str) -> bool:
        """Whether a top-level module name is the project's own (under a root, or a root's src/)."""
        known = self._project_modules.get(top_level)
        if known is None:
            known = top_level not in sys.stdlib_module_names and any(
                os.path.isfile(os.path.join(folder, top_level + ".py"))
                or os.path.isfile(os.path.join(folder, top_level, "__init__.py"))
                or os.path.isdir(os.path.join(folder, top_level))
                for root in self.search_roots
                for folder in (root, os.path.join(root, "src"))
            )
            self._project_modules[top_level] = known
        return known

    def import_hook(self, modname: str) -> nodes.Module:
        """astroid's failed-import hook: resolve project modules under the roots."""
        path = self.find_module_file(modname)
        module = self.parse_file(path) if path else None
        if module is None:
            raise astroid.AstroidBuildingError(f"fixture-scope: no project module {modname}")
        return module


PROJECT = ProjectFiles()
astroid.MANAGER.register_failed_import_hook(PROJECT.import_hook)
