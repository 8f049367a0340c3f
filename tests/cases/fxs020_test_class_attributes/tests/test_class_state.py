import collections
import unittest


class TestShared:
    items = []
    grid = {}
    counts = collections.Counter()
    name = "fixed"

    def test_appends(self):
        self.items.append(1)  # error: FXS020

    def test_sets_cell(self):
        self.grid[0] = 1  # error: FXS020

    def test_through_the_class(self):
        TestShared.items.append(3)  # error: FXS020

    def test_counts(self):
        self.counts["x"] += 1  # error: FXS020

    def test_reads(self):
        assert self.items == [] or self.items
        assert self.name == "fixed"

    def test_own_fresh_list(self):
        self.items = []
        self.items.append(2)

    def test_local_copy(self):
        mine = list(self.items)
        mine.append(1)


class TestFreshPerTest:
    items = []

    def setup_method(self):
        self.items = []

    def test_appends(self):
        self.items.append(1)


class TestClassLevelSetUp:
    registry = {}

    @classmethod
    def setup_class(cls):
        cls.registry["db"] = "made once for the class"

    def test_reads(self):
        assert "db" in self.registry


class TestCleared:
    log = []

    def teardown_method(self):
        self.log.clear()

    def test_logs(self):
        self.log.append("x")


class CaseShared(unittest.TestCase):
    seen = set()

    def test_adds(self):
        self.seen.add("a")  # error: FXS020


class CaseFresh(unittest.TestCase):
    seen = set()

    def setUp(self):
        self.seen = set()

    def test_adds(self):
        self.seen.add("a")
