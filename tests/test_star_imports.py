"""What a star import binds: ``__all__`` where spelled out, public names otherwise, chains of
re-exports followed, each name as the dotted name of its definition."""

from __future__ import annotations

from pathlib import Path

from flake8_fixture_scope.model.index import index_file
from flake8_fixture_scope.project import ProjectFiles


def _project(tmp_path: Path, files: dict[str, str]) -> ProjectFiles:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    project = ProjectFiles()
    project.remember_roots(str(tmp_path / "test_x.py"))
    return project


def test_all_limits_what_a_star_import_binds(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "pkg/__init__.py": "from .inner import *\n",
        "pkg/inner.py": "__all__ = ['Kept']\nclass Kept: pass\nclass Left: pass\n",
        "test_x.py": "from pkg import *\n",
    })
    index = index_file(str(tmp_path / "test_x.py"), project)
    assert index is not None
    assert dict(index.star_imported) == {"Kept": "pkg.inner.Kept"}


def test_without_all_public_names_and_explicit_imports_pass_on(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "pkg/__init__.py": "from .inner import Thing as Alias\n_private = 1\nVALUE = 2\n",
        "pkg/inner.py": "class Thing: pass\n",
        "test_x.py": "from pkg import *\n",
    })
    index = index_file(str(tmp_path / "test_x.py"), project)
    assert index is not None
    assert dict(index.star_imported) == {"Alias": "pkg.inner.Thing", "VALUE": "pkg.VALUE"}


def test_library_star_imports_bind_nothing_known(tmp_path: Path) -> None:
    project = _project(tmp_path, {"test_x.py": "from os.path import *\n"})
    index = index_file(str(tmp_path / "test_x.py"), project)
    assert index is not None
    assert dict(index.star_imported) == {}


def test_star_import_cycle_ends(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "a.py": "from b import *\nA = 1\n",
        "b.py": "from a import *\nB = 1\n",
        "test_x.py": "from a import *\n",
    })
    index = index_file(str(tmp_path / "test_x.py"), project)
    assert index is not None
    assert index.star_imported["A"] == "a.A"


def test_modules_found_under_src_and_configured_pythonpath(tmp_path: Path) -> None:
    project = _project(tmp_path, {
        "src/app/__init__.py": "", "lib/tools.py": "",
        "pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["lib"]\n',
    })
    project.remember_roots(str(tmp_path / "tests" / "test_x.py"))
    assert project.find_module_file("app") == str(tmp_path / "src" / "app" / "__init__.py")
    assert project.find_module_file("tools") == str(tmp_path / "lib" / "tools.py")
    assert project.is_project_module("tools")
