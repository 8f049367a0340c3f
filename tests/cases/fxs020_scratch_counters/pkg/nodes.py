import itertools


class Node:
    """Each node gets a unique id from a creation-order counter, read nowhere else."""

    _counter = 0

    def __init__(self, label):
        Node._counter += 1
        self.id = f"{label}-{Node._counter}"


class Edge:
    _ids = itertools.count()
    created = 0

    def __init__(self):
        self.id = next(Edge._ids)
        Edge.created += 1


def edges_made():
    return Edge.created
