class TestInstance:
    def test_own_state(self, cfg):
        self.cfg = {"flags": {}}
        self.cfg["flags"]["debug"] = True
        self.count = 1
        del self.count
