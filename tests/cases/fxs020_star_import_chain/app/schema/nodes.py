__all__ = ["Node", "Plain", "reset_tag"]


class Node:
    tag = None

    @classmethod
    def configure(cls, tag):
        cls.tag = tag

    @classmethod
    def describe(cls):
        return f"node {cls.tag}"


class Plain:
    def __init__(self, name):
        self.name = name


def reset_tag():
    Node.tag = None


class Hidden:
    calls = 0

    def __init__(self):
        Hidden.calls += 1
