from pkg.ids import serve, unique_name
from pkg.nodes import Edge, Node


def test_node_ids_are_unique():
    first, second = Node("a"), Node("a")
    assert first.id != second.id


def test_unique_names():
    assert unique_name("t") != unique_name("t")


def test_edges_are_counted():
    Edge()  # error: FXS020
    assert Edge.created >= 1


def test_serves():
    serve()  # error: FXS020
