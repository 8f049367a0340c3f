import sys

from tests import noisy, widgets


def test_inside_context_that_restores_nothing(tmp_path):
    with noisy.announced("start"):
        sys.modules.pop("pkg", None)  # error: FXS020
        sys.path.append(str(tmp_path))  # error: FXS020
        setattr(widgets.Widget, "extra", 1)  # error: FXS020


def test_after_the_context(tmp_path):
    with noisy.announced("start"):
        pass
    sys.path.append(str(tmp_path))  # error: FXS020
