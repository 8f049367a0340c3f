import io
import os
import sys

from pkg.registry import REGISTRY, Config
from tests.base import CapturingCase, RegistryCase, VerboseBase


class TestOutput(CapturingCase):
    def test_prints(self):
        print("captured")


class TestRegistry(RegistryCase):
    def test_registers(self):
        REGISTRY["a"] = 1

    def test_sets_environment(self):
        os.environ["REGISTRY_MODE"] = "1"  # error: FXS020


class TestOverridesSetUp(CapturingCase):
    def setUp(self):  # error: FXS020
        self.value = 1

    def test_value(self):
        assert self.value == 1


class TestOverridesWithSuper(CapturingCase):
    def setUp(self):
        super().setUp()
        self.value = 1

    def test_value(self):
        assert self.value == 1


class TestOverridesAndReplaces(CapturingCase):
    def setUp(self):
        self._stdout = sys.stdout
        sys.stdout = io.StringIO()

    def test_prints(self):
        print("captured")


class TestVerbose(VerboseBase):
    def setup_method(self):
        super().setup_method()
        os.environ["MODE"] = "verbose"

    def test_mode(self):
        assert Config.verbose and os.environ["MODE"] == "verbose"

    def test_quiet(self):
        Config.verbose = "loud"


class TestVerboseOverridden(VerboseBase):
    def setup_method(self):  # error: FXS020
        self.mode = "plain"

    def test_mode(self):
        assert self.mode == "plain"
