import unittest
from unittest import mock


class CleanupTests(unittest.TestCase):
    def setUp(self):
        patcher = mock.patch("app.clock.now")
        self.fake = patcher.start()
        self.addCleanup(patcher.stop)

    def test_now(self):
        self.assertTrue(self.fake)


class StopallCleanupTests(unittest.TestCase):
    def setUp(self):
        self.addCleanup(mock.patch.stopall)
        mock.patch("app.clock.now").start()

    def test_now(self):
        self.assertTrue(True)


class TearDownTests(unittest.TestCase):
    def setUp(self):
        self.patcher = mock.patch.dict("os.environ", {"MODE": "test"})
        self.patcher.start()

    def tearDown(self):
        self.patcher.stop()

    def test_mode(self):
        self.assertTrue(True)


class LeakingTests(unittest.TestCase):
    def setUp(self):
        self.patcher = mock.patch("app.clock.now")
        self.patcher.start()  # error: FXS021

    def test_now(self):
        self.assertTrue(True)


class ClassPatchTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.patcher = mock.patch("app.clock.now")
        cls.patcher.start()
        cls.leaked = mock.patch("app.mail.send")
        cls.leaked.start()  # error: FXS021

    @classmethod
    def tearDownClass(cls):
        cls.patcher.stop()

    def test_now(self):
        self.assertTrue(True)


class BaseWithStopall(unittest.TestCase):
    def tearDown(self):
        mock.patch.stopall()


class InheritedTearDownTests(BaseWithStopall):
    def setUp(self):
        mock.patch("app.clock.now").start()

    def test_now(self):
        self.assertTrue(True)


class CleanupRegisteredInSetUpTests(unittest.TestCase):
    def setUp(self):
        self.addCleanup(mock.patch.stopall)

    def test_now(self):
        mock.patch("app.clock.now").start()


class StopInSetUpDoesNotCountTests(unittest.TestCase):
    def setUp(self):
        mock.patch.stopall()

    def test_now(self):
        mock.patch("app.clock.now").start()  # error: FXS021
