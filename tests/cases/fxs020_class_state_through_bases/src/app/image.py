from app.base import Counter, Observable, ParserMixin, Unique


class Image(Unique):
    def __init__(self):
        super().__init__()


class Explicit(Unique):
    def __init__(self):
        Unique.__init__(self)


class Watched(Observable):
    def watch(self, items):
        self._obs.extend(items)


class Blueprint(ParserMixin):
    pass


class Fresh(Unique):
    def __init__(self):
        self.id = 0


class OwnList(Observable):
    def __init__(self):
        self._obs = []

    def watch(self, items):
        self._obs.extend(items)


class Step(Counter):
    def step(self):
        super().bump()

    def show(self):
        return super().describe()
