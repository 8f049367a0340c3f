from . import registry

ITEMS = []


def add(item):
    return registry.append(ITEMS, item)
