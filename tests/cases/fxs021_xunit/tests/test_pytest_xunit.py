from unittest import mock

patcher = mock.patch("app.settings.DEBUG", True)
unstopped = mock.patch("app.settings.CACHE", None)


def setup_module():
    patcher.start()
    unstopped.start()  # error: FXS021


def teardown_module():
    patcher.stop()


class TestStoppedInTeardownMethod:
    def setup_method(self):
        self.patcher = mock.patch("app.clock.now")
        self.fake = self.patcher.start()

    def teardown_method(self):
        self.patcher.stop()

    def test_now(self):
        assert self.fake


class TestMissingTeardown:
    def setup_method(self):
        self.patcher = mock.patch("app.clock.now")
        self.fake = self.patcher.start()  # error: FXS021

    def test_now(self):
        assert self.fake


class TestTeardownStopsAnotherPatcher:
    def setup_method(self):
        self.clock = mock.patch("app.clock.now")
        self.mail = mock.patch("app.mail.send")
        self.clock.start()
        self.mail.start()  # error: FXS021

    def teardown_method(self):
        self.clock.stop()

    def test_now(self):
        assert True


class TestClassLevel:
    @classmethod
    def setup_class(cls):
        cls.patcher = mock.patch("app.clock.now")
        cls.patcher.start()

    @classmethod
    def teardown_class(cls):
        cls.patcher.stop()

    def test_now(self):
        assert True


class TestStartedInTestStoppedInTeardown:
    def test_now(self):
        self.patcher = mock.patch("app.clock.now")
        self.patcher.start()

    def teardown_method(self):
        self.patcher.stop()


class TestTeardownThroughAHelper:
    def setup_method(self):
        self.patchers = [mock.patch("app.a"), mock.patch("app.b")]
        for each in self.patchers:
            each.start()

    def teardown_method(self):
        self._undo()

    def _undo(self):
        for each in self.patchers:
            each.stop()

    def test_now(self):
        assert True
