import dataclasses


class Model:
    table = "models"
    cache = {}


@dataclasses.dataclass(frozen=True)
class Frozen:
    name: str = "x"


DEFAULT = Frozen()
