"""The strongly connected components of pathways.analysis.components against networkx's."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways.analysis.components import strong_components


@st.composite
def digraphs(draw):
    """Successor lists over nodes 0..n-1 (self loops, parallel edges, nodes without a key),
    with the edges as networkx gets them."""
    n = draw(st.integers(1, 12))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40))
    succ: dict[int, list[int]] = {}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
    return n, edges, succ


@settings(max_examples=500, deadline=None)
@given(digraphs())
def test_components_match_networkx(case):
    _, edges, succ = case
    graph = nx.MultiDiGraph(edges)
    graph.add_nodes_from(succ)
    expected = {frozenset(c) for c in nx.strongly_connected_components(graph)}
    found = [frozenset(c) for c in strong_components(succ)]
    assert len(found) == len(set(found))  # each component once
    assert set(found) == expected


def test_deep_chain_needs_no_recursion():
    size = 20_000
    succ = {i: [i + 1] for i in range(size)}
    succ[size] = [0]
    assert [len(c) for c in strong_components(succ)] == [size + 1]
