"""A class without bases: nothing is inherited, so nothing restores this."""

import os


class TestPlain:
    def setup_method(self):
        os.environ["PLAIN"] = "1"  # error: FXS020

    def test_plain(self):
        assert os.environ["PLAIN"] == "1"
