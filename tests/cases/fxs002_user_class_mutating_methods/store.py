class Store:
    def __init__(self):
        self.items = []
        self.index = {}

    def add(self, item):
        self._remember(item)

    def _remember(self, item):
        self.items.append(item)

    def rename(self, name):
        self.name = name

    def forget(self, key):
        del self.index[key]

    def reset(self):
        self.add(None)

    def first(self):
        return self.items[0]

    def snapshot(self):
        items = list(self.items)
        items.append("end")
        return items

    @property
    def size(self):
        return len(self.items)
