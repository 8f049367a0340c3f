"""The files of the project under check: its rootdir, conftests, module names and files.

Nothing here imports or runs the code it reads, and nothing here builds a tree.
"""

from __future__ import annotations

import configparser
import io
import logging
import os
import sys
import tokenize
import tomllib
from dataclasses import dataclass


LOG = logging.getLogger("flake8.fixture_scope")

UNNAMED_BUFFER = "stdin.py"  # where the plugin places standard input that has no display name


_INI_FILES = ("pytest.toml", ".pytest.toml", "pytest.ini", ".pytest.ini")


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


def configured_pythonpath(rootdir: str) -> list[str]:
    """The folders ``pythonpath`` of the rootdir's pytest configuration names, as absolute paths."""
    entries: list[str] = []
    for name in ("pytest.ini", ".pytest.ini", "tox.ini", "setup.cfg"):
        section = {"tox.ini": "pytest", "setup.cfg": "tool:pytest"}.get(name, "pytest")
        entries += _ini_value(os.path.join(rootdir, name), section, "pythonpath").split()
    entries += _pyproject_pythonpath(os.path.join(rootdir, "pyproject.toml"))
    return [os.path.normpath(os.path.join(rootdir, e)) for e in entries if e]


def _ini_value(path: str, section: str, key: str) -> str:
    if not os.path.isfile(path):
        return ""
    parser = configparser.RawConfigParser(strict=False)
    try:
        parser.read(path, encoding="utf-8")
        return parser.get(section, key, fallback="") if parser.has_section(section) else ""
    except (configparser.Error, OSError, UnicodeDecodeError):
        return ""


def _pyproject_pythonpath(path: str) -> list[str]:
    if not os.path.isfile(path):
        return []
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    tool = data.get("tool", {}).get("pytest", {})
    options = tool.get("ini_options", tool) if isinstance(tool, dict) else {}
    value = options.get("pythonpath", []) if isinstance(options, dict) else []
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value] if isinstance(value, list) else []


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


class ProjectFiles:
    """Per-process knowledge of folders and files: rootdirs, conftests, parsed modules."""

    def __init__(self) -> None:
        self._rootdirs: dict[str, str] = {}
        self.search_roots: list[str] = []
        self._project_modules: dict[str, bool] = {}
        self._pythonpaths: dict[str, list[str]] = {}  # per rootdir, read once per process

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
        """Let project modules be found from this file's rootdir and package base, first, then
        from the folders the pytest configuration adds to ``sys.path`` (``pythonpath``) and a
        ``src/`` folder of the rootdir (the src layout, installed or not)."""
        rootdir = self.rootdir(os.path.dirname(os.path.abspath(file_path)))
        roots = list(dict.fromkeys(
            [rootdir, package_base(file_path), *self._added_roots(rootdir)]
        ))
        if self.search_roots != roots:
            self.search_roots = roots  # another project's modules are not this file's
            self._project_modules.clear()

    def _added_roots(self, rootdir: str) -> list[str]:
        if rootdir not in self._pythonpaths:
            source = os.path.join(rootdir, "src")
            self._pythonpaths[rootdir] = configured_pythonpath(rootdir) + (
                [source] if os.path.isdir(source) else [])
        return self._pythonpaths[rootdir]

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
                for folder in self.search_roots
            )
            self._project_modules[top_level] = known
        return known


PROJECT = ProjectFiles()
