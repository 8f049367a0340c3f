REGISTRY = []


def append(items, item):
    """Returns a new list, like ``numpy.append``: the arguments are left as they are."""
    return [*items, item]


def insert(items, index, item):
    return items[:index] + [item] + items[index:]


def register(item):
    REGISTRY.append(item)
