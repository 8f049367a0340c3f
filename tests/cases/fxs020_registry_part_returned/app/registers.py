import copy


class Register:
    def __init__(self, name):
        self.name = name
        self.value = 0
        self.labels = {}

    def set_value(self, value):
        self.value = value

    def read(self):
        return self.value


class RegisterPool:
    _registers = {}

    @classmethod
    def add(cls, name):
        register = Register(name)
        cls._registers[name] = register
        return register

    @staticmethod
    def get(name):
        return RegisterPool._registers[name]

    @classmethod
    def lookup(cls, name):
        return cls._registers.get(name)

    @staticmethod
    def fresh(name):
        return Register(name)

    @staticmethod
    def snapshot(name):
        return copy.copy(RegisterPool._registers[name])

    @staticmethod
    def add_default():
        RegisterPool._registers["default"] = Register("default")


_DEFAULTS = {"timeout": Register("timeout")}


def default(name):
    return _DEFAULTS[name]


RegisterPool.add("a")
