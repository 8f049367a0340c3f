import unittest

from app import mymock
from tests.helpers import mock


class ReExportedMockTests(unittest.TestCase):
    def test_never_stopped(self):
        self.environ_patch = mock.patch("os.environ", {"MODE": "test"})
        self.environ_patch.start()  # error: FXS021

    def test_stopped(self):
        patcher = mock.patch.object(unittest, "main")
        patcher.start()
        self.addCleanup(patcher.stop)


def test_name_merely_ending_in_mock_patch():
    mymock.patch("app.clock").start()
