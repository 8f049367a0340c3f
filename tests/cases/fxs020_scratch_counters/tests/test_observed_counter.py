"""This module reads the counter as a number: the count it sees depends on what ran before."""

from pkg.nodes import Node


def test_counts_nodes():
    Node("b")  # error: FXS020
    assert Node._counter >= 1
