import sys

import pytest


@pytest.fixture
def fresh_pkg():
    yield
    for name in list(sys.modules):
        if name.startswith("pkg"):
            del sys.modules[name]  # error: FXS020


def test_with_fresh_pkg(fresh_pkg):
    import pkg.core

    assert pkg.core.X == 1


def test_evicts_by_pop_over_a_comprehension():
    import pkg.core

    for name in [n for n in sys.modules if n.startswith("pkg")]:
        sys.modules.pop(name)  # error: FXS020


def test_evicts_in_a_comprehension():
    [sys.modules.pop(n) for n in list(sys.modules) if n.startswith("pkg")]  # error: FXS020


@pytest.fixture
def fresh_plugin():
    yield
    for name in list(sys.modules):
        if name.startswith("plugin_here"):
            del sys.modules[name]


def test_imports_plugin_first(fresh_plugin):
    import plugin_here

    assert plugin_here.LOADED


def test_evicts_plugin_after_importing_it():
    import plugin_here

    assert plugin_here.LOADED
    for name in list(sys.modules):
        if name.startswith("plugin_here"):
            del sys.modules[name]


def test_snapshot_restored():
    saved = dict(sys.modules)
    try:
        import plugin_here

        assert plugin_here.LOADED
        for name in list(sys.modules):
            if name.startswith("pkg"):
                del sys.modules[name]
    finally:
        sys.modules.clear()
        sys.modules.update(saved)


def test_evicts_submodules_it_imported_first():
    import pkg.core

    assert pkg.core.X == 1
    for name in [n for n in sys.modules if n.startswith("pkg.")]:
        sys.modules.pop(name)


def test_finalizer_evicts(request):
    def evict():
        for name in list(sys.modules.keys()):
            if name.startswith(("pkg", "plugin_here")):
                del sys.modules[name]  # error: FXS020

    request.addfinalizer(evict)
