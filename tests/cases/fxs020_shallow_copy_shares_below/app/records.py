SIM_RECORD = {"device": {"direct_access": True}, "k": 0, "users": []}
FROZEN = {"users": ["a"], "other": []}


class Table:
    def __init__(self, rows, meta):
        self.rows = rows
        self.meta = meta

    def copy(self):
        return Table([list(row) for row in self.rows], dict(self.meta))


class SharesRows:
    def __init__(self):
        self.rows = []
        self.meta = {}

    def copy(self):
        new = SharesRows()
        new.rows = self.rows
        return new


class Same:
    def __init__(self):
        self.rows = []

    def copy(self):
        return self


class Copyable:
    def __init__(self):
        self.rows = []

    def __copy__(self):
        return self


TABLE = Table([[1]], {"a": 1})
SHARES = SharesRows()
SAME = Same()
COPYABLE = Copyable()
