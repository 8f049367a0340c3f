class Options:
    """Validates before storing: a rejected value never replaces the old one."""

    _allowed = {"python", "pyarrow"}

    def __init__(self):
        self.__dict__["storage"] = "python"

    def __setattr__(self, name, value):
        if value not in self._allowed:
            raise ValueError(f"{name} must be one of {sorted(self._allowed)}")
        self.__dict__[name] = value


options = Options()
