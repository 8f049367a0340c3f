class Forums:
    def __init__(self):
        self.name = None

    def __call__(self, name):
        self.name = name
        return self


class Reader:
    def __call__(self, name):
        return name.upper()


class Client:
    def __init__(self):
        self.forums = Forums()
        self.reader = Reader()
