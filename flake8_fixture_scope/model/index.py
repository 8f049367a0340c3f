"""The fixture index: what conftests, ``pytest_plugins`` modules and imported project modules
define, read with ``ast`` into plain data.

Each file is read once per process and kept on its (size, mtime) stamp together with the
stamps of every file its answer depends on (the modules a scope constant comes from, the
plugin and imported modules whose fixtures it brings in, transitively): a long-lived process
sees an edit anywhere in that chain, and nothing here holds a tree.
"""

from __future__ import annotations

import ast
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..project import PROJECT, ProjectFiles, Stamp, decode_source, file_stamp
from .fixture import Fixture, Scope
from .star_imports import exported, star_sources
from .state_syntax import class_level_objects, state_returners, state_writers
from .syntax import (
    FunctionNode, dotted, fixture_options, import_table, module_assignments, qualified, requested_params,
)

LOG = logging.getLogger("flake8.fixture_scope")
_MAX_DEPTH = 8
_MAX_CONSTANT_DEPTH = 4

Level = Mapping[str, Fixture]
StringLookup = Callable[[str, int], "str | None"]


@dataclass(frozen=True)
class ClassInfo:
    """A class of a module: its fixtures and how its bases are spelled (qualified when imported)."""

    name: str  # dotted within the module: "Outer.Inner"
    bases: tuple[str, ...]
    fixtures: Mapping[str, Fixture]
    # Names its body binds to an object that every instance shares (see ``class_level_objects``).
    attributes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ModuleIndex:
    path: str
    fixtures: Mapping[str, Fixture]
    classes: Mapping[str, ClassInfo]
    plugins: tuple[str, ...]
    imported: tuple[tuple[str, tuple[str, ...]], ...]  # (module as written, names) of from-imports
    strings: Mapping[str, str]  # module-level names bound to a string this module spells out
    depends_on: frozenset[str] = field(default=frozenset())  # files read for scope constants
    # Functions (``f``, ``Cls.m``, ``Cls`` for its constructor) that change module- or
    # class-level state when called; read only for the project's modules, not the checked file.
    state_writers: frozenset[str] = field(default=frozenset())
    # Functions (``get``, ``Pool.get``) that hand out a part of module- or class-level state.
    state_returners: frozenset[str] = field(default=frozenset())
    collect_ignore: tuple[str, ...] = ()  # a conftest's ``collect_ignore`` entries, as written
    # Names ``from M import *`` binds here (M a project module, chains of star re-exports
    # followed), each as the dotted name of its definition: ``Node`` -> ``app.schema.nodes.Node``.
    star_imported: Mapping[str, str] = field(default_factory=dict)
    # What ``from this_module import *`` hands out, the same way (``__all__`` where given).
    exports: Mapping[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------- reading one module
def read_module(tree: ast.Module, path: str, project: ProjectFiles = PROJECT,
                summarize: bool = False) -> ModuleIndex:
    """The index of one module, from its tree; ``summarize``: which of its functions change state."""
    imports = import_table(tree.body)
    assigned = module_assignments(tree.body)
    reader = _ConstantReader(path, imports, assigned, project)
    fixtures = _fixtures_in(tree.body, "", path, imports, assigned, reader)
    classes: dict[str, ClassInfo] = {}
    _collect_classes(tree.body, "", path, imports, assigned, reader, classes)
    strings = {name: text for name in assigned if (text := reader.string(ast.Name(name), 0)) is not None}
    star_imported = star_imported_names(tree.body, path, project, reader.read_files)
    return ModuleIndex(
        path=path, fixtures=fixtures, classes=classes, plugins=tuple(_plugin_names(tree.body)),
        imported=tuple(_from_imports(tree.body)), strings=strings,
        depends_on=frozenset(reader.read_files),
        state_writers=state_writers(
            tree, {**star_imported, **imports}, lambda name: is_state_writer(name, path, project),
            lambda base: class_attributes(base, path, project)) if summarize else frozenset(),
        collect_ignore=tuple(_string_list(tree.body, "collect_ignore")),
        state_returners=state_returners(tree, {**star_imported, **imports}) if summarize else frozenset(),
        star_imported=star_imported,
        exports=exported(tree.body, path, star_imported),
    )


def is_state_returner(name: str, from_path: str, project: ProjectFiles = PROJECT) -> bool:
    """Whether ``pkg.mod.f`` (``pkg.mod.Cls.m``) hands out a part of its module's or class's state."""
    found = _defining_index(name, from_path, project)
    return found is not None and ".".join(found[1]) in found[0].state_returners


def is_state_writer(name: str, from_path: str, project: ProjectFiles = PROJECT, depth: int = 0) -> bool:
    """Whether ``pkg.mod.f`` (``.mod.Cls.m``, ``pkg.mod.Cls`` for its constructor) names a function
    of a project module that changes module- or class-level state, read from that module's index;
    a method (or constructor) a class inherits is looked up in its readable bases."""
    found = _defining_index(name, from_path, project)
    return found is not None and _writes_in(found[0], found[1], project, depth)


def _defining_index(name: str, from_path: str, project: ProjectFiles) -> tuple[ModuleIndex, list[str]] | None:
    """The index of the longest project module ``name`` starts with, and the rest of the name."""
    dots = len(name) - len(name.lstrip("."))
    parts = name[dots:].split(".")
    for split in range(len(parts) - 1, 0, -1):
        module = "." * dots + ".".join(parts[:split])
        found = module_file(module, from_path, project)
        if found is not None:
            index = index_file(found, project)
            return (index, parts[split:]) if index is not None else None
    return None


def _writes_in(index: ModuleIndex, parts: list[str], project: ProjectFiles, depth: int) -> bool:
    """``Cls.m`` (or ``Cls``, ``f``) of ``index`` writes state, itself or as inherited."""
    if ".".join(parts) in index.state_writers:
        return True
    owner, method = parts[0], parts[1:]
    info = index.classes.get(owner)
    if info is None or len(method) > 1 or depth >= _MAX_DEPTH:
        return False
    for base in info.bases:
        if base in index.classes:
            if _writes_in(index, [base, *method], project, depth + 1):
                return True
        elif "." in base and is_state_writer(".".join([base, *method]), index.path, project, depth + 1):
            return True
    return False


def class_attributes(name: str, from_path: str, project: ProjectFiles = PROJECT, depth: int = 0
                     ) -> frozenset[str]:
    """The class-level objects of the project class ``pkg.mod.Cls`` and of its readable bases."""
    module, _dot, owner = name.rpartition(".")
    path = module_file(module, from_path, project) if module else None
    index = index_file(path, project) if path is not None else None
    info = index.classes.get(owner) if index is not None else None
    if index is None or info is None or depth >= _MAX_DEPTH:
        return frozenset()
    found = set(info.attributes)
    for base in info.bases:
        written = f"{module}.{base}" if base in index.classes else base
        found |= class_attributes(written, from_path if base in index.classes else index.path, project,
                                  depth + 1)
    return frozenset(found)


def star_imported_names(body: list[ast.stmt], path: str, project: ProjectFiles, read_files: set[str]
                        ) -> dict[str, str]:
    """The names the module's star imports of project modules bind, as their definitions' dotted
    names (each source module's own star imports followed through its index)."""
    found: dict[str, str] = {}
    for written in star_sources(body):
        source = module_file(written, path, project)
        index = index_file(source, project) if source is not None else None
        if index is not None:
            read_files.add(index.path)
            read_files.update(index.depends_on)
            found.update(index.exports)
    return found


def _fixtures_in(body: list[ast.stmt], owner: str, path: str, imports: Mapping[str, str],
                 assigned: Mapping[str, ast.expr], reader: _ConstantReader) -> dict[str, Fixture]:
    found: dict[str, Fixture] = {}
    for statement in body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            fixture = read_fixture(statement, owner, path, imports, assigned, reader)
            if fixture is not None:
                found[fixture.name] = fixture
    return found


def read_fixture(func: FunctionNode, owner: str, path: str, imports: Mapping[str, str],
                 assigned: Mapping[str, ast.expr], reader: _ConstantReader) -> Fixture | None:
    options = fixture_options(func, imports, assigned)
    if options is None:
        return None
    name = reader.string(options["name"], 0) if "name" in options else func.name
    scope = Scope.FUNCTION if "scope" not in options else Scope.parse(reader.string(options["scope"], 0))
    loop = Scope.parse(reader.string(options["loop_scope"], 0)) if "loop_scope" in options else None
    autouse = options.get("autouse")
    return Fixture(
        name=name or func.name, scope=scope, path=path, line=definition_line(func),
        autouse=isinstance(autouse, ast.Constant) and autouse.value is True, loop_scope=loop,
        function=func.name, owner=owner,
        params=tuple(requested_params(func, bool(owner), imports)),
        hands_out_module_state=_hands_out_module_state(func, imports, assigned),
    )


def _hands_out_module_state(func: FunctionNode, imports: Mapping[str, str], assigned: Mapping[str, ast.expr]
                            ) -> bool:
    """The fixture returns or yields an object of its module (``return PARAMETERS``), not a copy."""
    local = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    local |= {a.arg for a in [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]}
    for node in ast.walk(func):
        value = node.value if isinstance(node, (ast.Return, ast.Yield)) else None
        if value is None:
            continue
        while isinstance(value, (ast.Attribute, ast.Subscript)):
            value = value.value
        if isinstance(value, ast.Name) and value.id not in local and (
                value.id in assigned or value.id in imports):
            return True
    return False


def definition_line(func: FunctionNode) -> int:
    """Where messages place a definition: its first decorator, as astroid numbers it."""
    return min([func.lineno, *(d.lineno for d in func.decorator_list)])


def _collect_classes(body: list[ast.stmt], prefix: str, path: str, imports: Mapping[str, str],
                     assigned: Mapping[str, ast.expr], reader: _ConstantReader,
                     found: dict[str, ClassInfo]) -> None:
    for statement in body:
        if not isinstance(statement, ast.ClassDef):
            continue
        name = f"{prefix}{statement.name}"
        bases = tuple(_base_text(base, imports) for base in statement.bases)
        found[name] = ClassInfo(name, tuple(b for b in bases if b),
                                _fixtures_in(statement.body, name, path, imports, assigned, reader),
                                frozenset(class_level_objects(statement)))
        _collect_classes(statement.body, name + ".", path, imports, assigned, reader, found)


def _base_text(base: ast.expr, imports: Mapping[str, str]) -> str:
    return qualified(base, imports) or dotted(base) or ""


def _string_list(body: list[ast.stmt], variable: str) -> list[str]:
    """The strings of a ``variable = [...]`` list at module level."""
    found: list[str] = []
    for statement in body:
        if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == variable
                                                     for t in statement.targets):
            value = statement.value
            if isinstance(value, (ast.List, ast.Tuple)):
                found.extend(e.value for e in value.elts
                             if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return found


def is_collect_ignored(path: str, project: ProjectFiles = PROJECT) -> bool:
    """pytest does not collect ``path``: a conftest above it lists it (or a folder holding it)
    in ``collect_ignore``."""
    path = os.path.abspath(path)
    for conftest in project.conftest_paths(path):
        index = index_file(conftest, project)
        folder = os.path.dirname(os.path.abspath(conftest))
        for entry in index.collect_ignore if index is not None else ():
            ignored = os.path.normpath(os.path.join(folder, entry))
            if path == ignored or path.startswith(ignored + os.sep):
                return True
    return False


def _plugin_names(body: list[ast.stmt]) -> list[str]:
    names: list[str] = []
    for statement in body:
        if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if not any(isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in targets):
            continue
        value = statement.value
        if value is None:
            continue
        elements = value.elts if isinstance(value, (ast.List, ast.Tuple, ast.Set)) else [value]
        names.extend(e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str))
    return names


def _from_imports(body: list[ast.stmt]) -> list[tuple[str, tuple[str, ...]]]:
    return [("." * (s.level or 0) + (s.module or ""), tuple(a.name for a in s.names))
            for s in body if isinstance(s, ast.ImportFrom)]


class _ConstantReader:
    """Strings a module spells out: literals, module constants, ``+`` and f-strings of those,
    names imported from project modules. Anything else is not guessed."""

    def __init__(self, path: str, imports: Mapping[str, str], assigned: Mapping[str, ast.expr],
                 project: ProjectFiles) -> None:
        self.path = path
        self.imports = imports
        self.assigned = assigned
        self.project = project
        self.read_files: set[str] = set()

    def string(self, expr: ast.expr, depth: int) -> str | None:
        if depth > _MAX_CONSTANT_DEPTH:
            return None
        if isinstance(expr, ast.Constant):
            return expr.value if isinstance(expr.value, str) else None
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left, right = self.string(expr.left, depth + 1), self.string(expr.right, depth + 1)
            return left + right if left is not None and right is not None else None
        if isinstance(expr, ast.JoinedStr):
            parts = [self.string(v.value if isinstance(v, ast.FormattedValue) else v, depth + 1)
                     for v in expr.values]
            return "".join(p for p in parts if p is not None) if None not in parts else None
        if isinstance(expr, ast.Name):
            if expr.id in self.imports:
                return self._imported(self.imports[expr.id], depth)
            value = self.assigned.get(expr.id)
            return self.string(value, depth + 1) if value is not None else None
        if (isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)
                and expr.value.id in self.imports):
            return self._imported(f"{self.imports[expr.value.id]}.{expr.attr}", depth)
        return None

    def _imported(self, qualified_name: str, depth: int) -> str | None:
        module, _dot, name = qualified_name.rpartition(".")
        path = module_file(module, self.path, self.project) if module else None
        if path is None:
            return None
        self.read_files.add(path)
        index = index_file(path, self.project)
        return index.strings.get(name) if index is not None else None


# ---------------------------------------------------------------------- files and modules
_FILES: dict[str, tuple[Stamp, ModuleIndex | None, tuple[tuple[str, Stamp | None], ...]]] = {}


def index_file(path: str, project: ProjectFiles = PROJECT) -> ModuleIndex | None:
    """The index of the file at ``path``, read once per stamp; None when it cannot be read."""
    path = os.path.abspath(path)
    stamp = file_stamp(path)
    if stamp is None:
        return None
    cached = _FILES.get(path)
    if cached is not None and cached[0] == stamp and _still_current(cached[2]):
        return cached[1]
    _FILES[path] = (stamp, None, ())  # an import cycle through constants ends here
    index = _read_file(path, project)
    depends = tuple((p, file_stamp(p)) for p in sorted(index.depends_on)) if index else ()
    _FILES[path] = (stamp, index, depends)
    return index


def _still_current(depends: tuple[tuple[str, Stamp | None], ...]) -> bool:
    return all(file_stamp(p) == stamp for p, stamp in depends)


def _read_file(path: str, project: ProjectFiles) -> ModuleIndex | None:
    try:
        with open(path, "rb") as handle:
            source = decode_source(handle.read())
        if source is None:
            LOG.debug("fixture-scope: cannot decode %s", path)
            return None
        tree = ast.parse(source, path)
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError) as error:
        LOG.debug("fixture-scope: cannot read %s: %s", path, error)
        return None
    return read_module(tree, path, project, summarize=True)


def module_file(written: str, from_path: str, project: ProjectFiles = PROJECT) -> str | None:
    """The file of a module as an import in ``from_path`` writes it (relative or absolute)."""
    level = len(written) - len(written.lstrip("."))
    name = written[level:]
    if level:
        folder = os.path.dirname(os.path.abspath(from_path))
        for _ in range(level - 1):
            folder = os.path.dirname(folder)
        base = os.path.join(folder, *name.split(".")) if name else folder
        return next((c for c in (base + ".py", os.path.join(base, "__init__.py")) if os.path.isfile(c)),
                    None)
    return project.find_module_file(name)


def installed_module_file(name: str) -> str | None:
    """Where an installed module's source is, found on ``sys.path`` without importing anything."""
    parts = name.split(".")
    if not all(parts):
        return None
    for entry in sys.path:
        base = os.path.join(entry or ".", *parts)
        for candidate in (base + ".py", os.path.join(base, "__init__.py")):
            if os.path.isfile(candidate):
                return os.path.abspath(candidate)
    return None


# ---------------------------------------------------------------------- fixture levels
_LEVELS: dict[str, tuple[Stamp, list[Level], tuple[tuple[str, Stamp | None], ...]]] = {}


def module_levels(index: ModuleIndex, project: ProjectFiles = PROJECT) -> list[Level]:
    """The fixture tables a module contributes, highest priority first: its own, those it
    imports by name, then its ``pytest_plugins`` modules' (transitively)."""
    levels, _files = _levels_and_files(index, project, frozenset())
    return levels


def file_levels(path: str, project: ProjectFiles = PROJECT) -> list[Level]:
    """``module_levels`` of the file at ``path``, kept per process on the stamps it depends on."""
    path = os.path.abspath(path)
    stamp = file_stamp(path)
    cached = _LEVELS.get(path)
    if stamp is not None and cached is not None and cached[0] == stamp and _still_current(cached[2]):
        return cached[1]
    index = index_file(path, project)
    if index is None or stamp is None:
        return []
    levels, files = _levels_and_files(index, project, frozenset())
    _LEVELS[path] = (stamp, levels, tuple((p, file_stamp(p)) for p in sorted(files)))
    return levels


def _levels_and_files(index: ModuleIndex, project: ProjectFiles, seen: frozenset[str]
                      ) -> tuple[list[Level], set[str]]:
    seen = seen | {index.path}
    files: set[str] = set(index.depends_on)
    imported: dict[str, Fixture] = {}
    for written, names in index.imported:
        source = _indexed(module_file(written, index.path, project), project, seen)
        if source is None:
            continue
        files.add(source.path)
        inner, inner_files = _levels_and_files(source, project, seen)
        files |= inner_files
        for table in inner[:2]:
            for fixture in table.values():
                if "*" in names or fixture.function in names:
                    imported.setdefault(fixture.name, fixture)
    levels: list[Level] = [index.fixtures, imported]
    for plugin in index.plugins:
        path = project.find_module_file(plugin) or installed_module_file(plugin)
        source = _indexed(path, project, seen)
        if source is None or len(seen) >= _MAX_DEPTH:
            continue
        files.add(source.path)
        inner, inner_files = _levels_and_files(source, project, seen)
        files |= inner_files
        levels.extend(inner)
    return levels, files


def _indexed(path: str | None, project: ProjectFiles, seen: frozenset[str]) -> ModuleIndex | None:
    if path is None or os.path.abspath(path) in seen:
        return None
    return index_file(path, project)
