import sys

from tests import restoring, widgets


def test_inside_saved_import_state(tmp_path):
    with restoring.saved_import_state():
        for name in ("pkg", "pkg.sub"):
            sys.modules.pop(name, None)
        sys.modules.pop("pkg", None)
        sys.path.append(str(tmp_path))


def test_restoring_context_second_in_with(tmp_path):
    with open(tmp_path / "log", "w"), restoring.saved_import_state():
        sys.path.append(str(tmp_path))


def test_attribute_added_inside_removing_context():
    with restoring.attribute_removed(widgets.Widget, "extra"):
        setattr(widgets.Widget, "extra", 1)
