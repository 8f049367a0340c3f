def check_flags(cfg):
    cfg["flags"]["debug"] = True


class Helper:
    def test_like(self, cfg):
        cfg["flags"]["debug"] = True


class TestWithInit:
    def __init__(self):
        self.cfg = {}

    def test_never_collected(self, cfg):
        cfg["flags"]["debug"] = True


def make_test():
    def test_nested(cfg):
        cfg["flags"]["debug"] = True

    return test_nested
