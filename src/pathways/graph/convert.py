"""The graph back to a model, and the graph to and from GraphML and node-link JSON."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from pathways.files import replacing
from pathways.graph.kinds import NODE_KINDS
from pathways.model.model import Model
from pathways.model.schema import COLLECTIONS, Meta


def model_from_graph(G: nx.MultiDiGraph) -> Model:
    """Rebuild the model a graph was built from (its nodes' ``props``), in id order.

    >>> from pathways.graph.build import build_graph
    >>> from pathways.model.load import load_model
    >>> m = load_model("model")                                          # doctest: +SKIP
    >>> model_from_graph(build_graph(m)).by_id.keys() == m.by_id.keys()   # doctest: +SKIP
    True
    """
    collections: dict[str, list] = {name: [] for name in COLLECTIONS}
    for node_id in sorted(G.nodes):
        data = G.nodes[node_id]
        collection = NODE_KINDS[data["kind"]][0]
        if collection:
            collections[collection].append(COLLECTIONS[collection].model_validate(data["props"]))
    return Model(meta=Meta.model_validate(G.graph["meta"]), collections=collections)


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars (GraphML holds nothing else)."""
    H = nx.MultiDiGraph()
    H.graph.update(
        {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in G.graph.items()}
    )
    for n, d in G.nodes(data=True):
        H.add_node(
            n, **{k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v for k, v in d.items()}
        )
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=k, **d)
    return H


def _unflat(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(H.graph)
    G.graph["meta"] = json.loads(H.graph["meta"])
    for n, d in H.nodes(data=True):
        G.add_node(n, **{**d, "props": json.loads(d["props"])})
    for u, v, k, d in H.edges(keys=True, data=True):
        G.add_edge(u, v, key=k, **d)
    return G


def write_graph(G: nx.MultiDiGraph, path: Path, fmt: str) -> None:
    """Write ``graphml`` (yEd, Gephi; nested data as JSON text) or ``json`` (node-link)."""
    with replacing(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(_flat(G), tmp, encoding="utf-8")
        else:
            data = nx.node_link_data(G, edges="edges")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def read_graph(path: Path, fmt: str) -> nx.MultiDiGraph:
    """Read what :func:`write_graph` wrote."""
    if fmt == "graphml":
        return _unflat(nx.read_graphml(path, force_multigraph=True))
    data = json.loads(path.read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
