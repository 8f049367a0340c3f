import dataclasses
import typing


class Parser:
    def __init__(self):
        self.status = 200


class Unique:
    id_count = 0

    def __init__(self):
        Unique.id_count += 1


class Observable:
    _obs = []

    def notify(self, item):
        return [o for o in self._obs if o == item]


class ParserMixin:
    PARSER = Parser()
    label = "parser"


class Counter:
    total = 0

    def bump(self):
        Counter.total += 1

    def describe(self):
        return f"{self.total}"


@dataclasses.dataclass
class Recorder:
    record: list = dataclasses.field(default_factory=list)
    shared: typing.ClassVar[list] = []
