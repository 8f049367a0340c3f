import sys

from tests import restoring


def test_write_after_the_restoring_block_ended(tmp_path):
    with restoring.saved_import_state():
        sys.path.append(str(tmp_path))
    sys.path.append(str(tmp_path / "later"))  # error: FXS020
