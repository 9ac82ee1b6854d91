"""Build the typed networkx MultiDiGraph of a validated model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx

from pathways.graph.kinds import KIND_OF_COLLECTION
from pathways.model.model import Model
from pathways.model.schema import (
    Boundary,
    CareLevel,
    CoordinationRule,
    CostRule,
    Element,
    EscalationPath,
    GreyZone,
    Handover,
    Responsibility,
    Route,
    RouteStep,
    SipPoint,
    SourceDoc,
    Unit,
)
from pathways.perf import without_gc

Edge = tuple[str, str, dict]
"""(target, edge kind, attributes) of one reference of an element."""


def _node_attrs(kind: str, element: Element | GreyZone | RouteStep) -> dict:
    source = element.source
    return {
        "kind": kind,
        "label_sv": element.label.sv,
        "label_en": element.label.en,
        "status": getattr(element, "status", None) or "",
        "source": f"{source.doc} {source.section or ''}".strip() if source else "",
        "props": element.model_dump(mode="json", by_alias=True, exclude_defaults=True),
    }


def _source_attrs(doc: SourceDoc) -> dict:
    return {
        "kind": "source",
        "label_sv": doc.title,
        "label_en": doc.title,
        "status": "",
        "source": doc.ref,
        "props": doc.model_dump(mode="json", exclude_defaults=True),
    }


def _care_level(e: CareLevel) -> Iterator[Edge]:
    if e.parent:
        yield e.parent, "PART_OF", {}


def _unit(e: Unit) -> Iterator[Edge]:
    yield e.principal, "BELONGS_TO", {}
    if e.care_level:
        yield e.care_level, "AT_LEVEL", {}
    for s in e.settings:
        yield s, "WORKS_IN", {}


def _responsibility(e: Responsibility) -> Iterator[Edge]:
    for n in e.needs:
        yield n, "COVERS", {}
    for s in e.settings:
        yield s, "IN_SETTING", {}
    if e.window:
        yield e.window.event, "WINDOW_FROM", {}
    if e.payer:
        yield e.payer, "PAID_BY", {}
    if e.cost_rule:
        yield e.cost_rule, "UNDER_COST_RULE", {}


def _cost_rule(e: CostRule) -> Iterator[Edge]:
    for n in e.needs:
        yield n, "COVERS", {}
    yield e.payer, "PAID_BY", {}


def _coordination_rule(e: CoordinationRule) -> Iterator[Edge]:
    for n in e.needs:
        yield n, "COVERS", {}
    for u in e.owners:
        yield u, "COORDINATES", {}


def _handover(e: Handover) -> Iterator[Edge]:
    yield e.to, "TO", {}
    yield e.trigger, "TRIGGERED_BY", {}
    for n in e.needs:
        yield n, "TRANSFERS", {}
    if e.gate:
        yield e.gate.by, "GATED_BY", {}
    if e.on_reject and e.on_reject.to:
        yield e.on_reject.to, "ON_REJECT", {}
    if e.on_reject and e.on_reject.escalation:
        yield e.on_reject.escalation, "ESCALATES_TO", {}
    for b in e.crosses:
        yield b, "CROSSES", {}


def _route(e: Route) -> Iterator[Edge]:
    for order, h in enumerate(e.handovers):
        yield h, "INCLUDES", {"order": order}
    for order, step in enumerate(e.steps):
        yield step.id, "HAS_STEP", {"order": order}


def _sip_point(e: SipPoint) -> Iterator[Edge]:
    yield e.at, "AT", {}
    yield e.called_by, "CALLED_BY", {}
    if e.role:
        yield e.role, "CALLER_ROLE", {}
    if e.after:
        yield e.after, "COUNTS_FROM", {}
    for u in e.participants:
        yield u, "PARTICIPANT", {}


def _escalation_path(e: EscalationPath) -> Iterator[Edge]:
    for p in e.between:
        yield p, "BETWEEN", {}


def _boundary(e: Boundary) -> Iterator[Edge]:
    yield e.dimension, "ON_DIMENSION", {}
    for u in e.units:
        yield u, "INVOLVES", {}


_EDGES: dict[str, Callable[[Any], Iterator[Edge]]] = {
    "care_levels": _care_level,
    "units": _unit,
    "responsibilities": _responsibility,
    "cost_rules": _cost_rule,
    "coordination_rules": _coordination_rule,
    "handovers": _handover,
    "routes": _route,
    "sip_points": _sip_point,
    "escalation_paths": _escalation_path,
    "boundaries": _boundary,
}
"""The references of an element of each collection, beyond its source and grey zones."""


def _edges(name: str, e: Element | GreyZone) -> Iterator[Edge]:
    """(target, edge kind, attributes) for every reference of element ``e``."""
    yield e.source.doc, "CITES", {}
    for gz in getattr(e, "grey_zones", []):
        yield gz, "IN_GREY_ZONE", {}
    if name in _EDGES:
        yield from _EDGES[name](e)


def _incoming(name: str, e: Any) -> Iterator[tuple[str, str, str, dict]]:
    """The edges that point at element ``e`` or its route steps, which its fields name."""
    if name == "principal_groups":
        yield from ((m, e.id, "MEMBER_OF", {"kind": "MEMBER_OF"}) for m in e.members)
    elif name == "handovers":
        yield e.from_, e.id, "SENDS", {"kind": "SENDS"}
    elif name == "needs":
        yield from ((a, e.id, "PRECEDES", {"kind": "PRECEDES"}) for a in e.after)
    elif name == "routes":
        for step in e.steps:
            yield step.id, step.source.doc, "CITES", {"kind": "CITES"}
            yield step.id, step.actor, "DONE_BY", {"kind": "DONE_BY"}
            yield step.id, step.after, "COUNTS_FROM", {"kind": "COUNTS_FROM"}
    elif name == "responsibilities":
        yield e.owner, e.id, "HOLDS", {"kind": "HOLDS"}


@without_gc
def build_graph(model: Model, *, progress: Callable[[str, int, int], None] | None = None) -> nx.MultiDiGraph:
    """The model as a typed MultiDiGraph (kinds in :mod:`pathways.graph.kinds`).

    Nodes are keyed by element id; edge keys are edge kinds.

    >>> from pathways.model.load import load_model
    >>> G = build_graph(load_model("model"))          # doctest: +SKIP
    >>> G.nodes["vardcentral"]["kind"]                 # doctest: +SKIP
    'unit'

    ``progress(task, done, total)``, if given, is called with task ``graph`` as elements
    are turned into nodes and then into edges.
    """
    total = 2 * sum(len(items) for items in model.collections.values())
    done = 0
    G = nx.MultiDiGraph(
        model_id=model.meta.id,
        label_sv=model.meta.label.sv,
        label_en=model.meta.label.en,
        version=model.meta.version,
        date=model.meta.date,
        county=model.meta.county,
        meta=model.meta.model_dump(mode="json", exclude_defaults=True),
    )
    nodes = [(doc.id, _source_attrs(doc)) for doc in model.sources]
    for name, e in model.elements():
        done += 1
        if progress and not done % 4096:
            progress("graph", done, total)
        if not isinstance(e, Element | GreyZone):
            continue  # a source document: its node is made above
        nodes.append((e.id, _node_attrs(KIND_OF_COLLECTION[name], e)))
        if isinstance(e, Route):
            nodes.extend((step.id, _node_attrs("route_step", step)) for step in e.steps)
    _add_nodes(G, nodes)
    edges: list[tuple[str, str, str, dict]] = []
    for name, e in model.elements():
        done += 1
        if progress and not done % 4096:
            progress("graph", done, total)
        if not isinstance(e, Element | GreyZone):
            continue
        edges.extend((e.id, target, kind, {"kind": kind, **attrs}) for target, kind, attrs in _edges(name, e))
        edges.extend(_incoming(name, e))
    _add_edges(G, edges)
    if progress:
        progress("graph", total, total)
    return G


# networkx's add_node/add_edges_from cost about 5 microseconds an edge through their views
# and checks; a national model has 300,000 edges. These two fill the same dicts, in the
# same order and with the same merging, as G.add_node(n, **attrs) and
# G.add_edges_from(edges) do on a MultiDiGraph (networkx 3.x), in a tenth of the time.


def _add_nodes(G: nx.MultiDiGraph, nodes: list[tuple[str, dict]]) -> None:
    """``G.add_node(n, **attrs)`` for each (n, attrs), in order (``attrs`` become the node's dict)."""
    succ, pred, node = G._succ, G._pred, G._node
    for n, attrs in nodes:
        if n not in succ:
            if n is None:
                raise ValueError("None cannot be a node")
            succ[n] = G.adjlist_inner_dict_factory()
            pred[n] = G.adjlist_inner_dict_factory()
            node[n] = attr_dict = G.node_attr_dict_factory()
            attr_dict.update(attrs)
        else:
            node[n].update(attrs)
    nx._clear_cache(G)


def _add_edges(G: nx.MultiDiGraph, edges: list[tuple[str, str, str, dict]]) -> None:
    """``G.add_edges_from(edges)`` for (u, v, key, data) edges with keys given.

    Each ``data`` must be a fresh dict: a new edge keeps it as its attribute dict.
    """
    succ, pred, node = G._succ, G._pred, G._node
    inner, node_dict = G.adjlist_inner_dict_factory, G.node_attr_dict_factory
    key_dict, edge_dict = G.edge_key_dict_factory, G.edge_attr_dict_factory
    adopt = edge_dict is dict
    for u, v, key, data in edges:
        if u not in succ or v not in succ:
            for n in (u, v):
                if n not in succ:
                    if n is None:
                        raise ValueError("None cannot be a node")
                    succ[n] = inner()
                    pred[n] = inner()
                    node[n] = node_dict()
        keys = succ[u].get(v)
        if keys is None:
            keys = key_dict()
            succ[u][v] = keys
            pred[v][u] = keys
        found = keys.get(key)
        if found is None:
            if adopt:
                keys[key] = data
                continue
            keys[key] = found = edge_dict()
        found.update(data)
    nx._clear_cache(G)


def nodes_of(G: nx.MultiDiGraph, kind: str) -> list[str]:
    """Ids of the nodes of one kind, sorted.

    >>> G = nx.MultiDiGraph(); G.add_node("a", kind="unit"); G.add_node("b", kind="need")
    >>> nodes_of(G, "unit")
    ['a']
    """
    return sorted(n for n, k in G.nodes(data="kind") if k == kind)
