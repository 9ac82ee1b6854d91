"""What the model holds: counts per kind, and the assumptions for the users to confirm."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class Stats:
    nodes: dict[str, int]
    edges: dict[str, int]
    statuses: dict[str, int]
    unit_kinds: dict[str, int]
    principals: dict[str, int]
    routes: int
    handovers_with_sip: int
    without_source: int


def stats(G: nx.MultiDiGraph) -> Stats:
    """Counts of what a model graph holds.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("u", kind="unit", status="assumption", source="seed-001", props={"kind": "health_centre"})
    >>> s = stats(G)
    >>> s.nodes["unit"], s.statuses["assumption"], s.unit_kinds["health_centre"]
    (1, 1, 1)
    """
    nodes = Counter(k for _, k in G.nodes(data="kind"))
    edges = Counter(k for _, _, k in G.edges(keys=True))
    statuses = Counter(d["status"] for _, d in G.nodes(data=True) if d["kind"] not in ("source", "grey_zone"))
    unit_kinds = Counter(d["props"]["kind"] for _, d in G.nodes(data=True) if d["kind"] == "unit")
    principals = Counter(d["props"]["kind"] for _, d in G.nodes(data=True) if d["kind"] == "principal")
    sip_at = {v for u, v, k in G.edges(keys=True) if k == "AT" and G.nodes[v]["kind"] == "handover"}
    without_source = sum(1 for _, d in G.nodes(data=True) if d["kind"] not in ("source",) and not d.get("source"))
    return Stats(
        nodes=dict(sorted(nodes.items())),
        edges=dict(sorted(edges.items())),
        statuses=dict(sorted(statuses.items())),
        unit_kinds=dict(sorted(unit_kinds.items())),
        principals=dict(sorted(principals.items())),
        routes=nodes.get("route", 0),
        handovers_with_sip=len(sip_at),
        without_source=without_source,
    )


@dataclass(frozen=True)
class Assumption:
    id: str
    kind: str
    label: str
    note: str
    source: str


def assumptions(G: nx.MultiDiGraph, lang: str = "sv") -> list[Assumption]:
    """Every element marked ``assumption``, by kind and id: a checklist for the users.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x", kind="unit", status="assumption", label_sv="Enhet", label_en="Unit",
    ...            source="seed-001", props={"note": "Bekräfta."})
    >>> [a.note for a in assumptions(G)]
    ['Bekräfta.']
    """
    rows = [
        Assumption(n, d["kind"], d[f"label_{lang}"], d["props"].get("note", ""), d["source"])
        for n, d in G.nodes(data=True)
        if d.get("status") == "assumption"
    ]
    return sorted(rows, key=lambda a: (a.kind, a.id))
