REGISTRY = {}


def register(name, value):
    REGISTRY[name] = value
