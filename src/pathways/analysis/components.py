"""Strongly connected components of a small directed graph given as successor lists.

Our own iterative Tarjan rather than :func:`networkx.strongly_connected_components`:
the one caller on the path of ``pathways gaps`` (PW115, over the handovers between units
that reach no owner) would otherwise import networkx, about 300 modules and 0.1 s of CPU
on every run of a model that has such handovers (``benchmarks/PROFILE.md``, issue 15,
session 10). ``tests/analysis/test_components.py`` checks it against networkx.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def strong_components(succ: Mapping[N, Sequence[N]]) -> Iterator[set[N]]:
    """The strongly connected components of the graph with edges ``a -> b`` for ``b`` in
    ``succ[a]``, each a set of nodes, in no promised order. A node that is only a
    successor (not a key of ``succ``) has no edges out; self loops and parallel edges
    are allowed. Iterative (no recursion limit), O(nodes + edges).

    >>> sorted(sorted(c) for c in strong_components({1: [2], 2: [1, 3], 3: [3], 4: [1]}))
    [[1, 2], [3], [4]]
    """
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    for root in succ:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(succ[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(succ.get(child, ()))))
                    break
                if child in on_stack and index[child] < low[node]:
                    low[node] = index[child]
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
                if low[node] == index[node]:
                    comp = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        comp.add(member)
                        if member == node:
                            break
                    yield comp
