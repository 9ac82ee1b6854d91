"""How graph nodes and edges become Neo4j properties, and back.

Labels and relationship types come only from :mod:`pathways.graph.kinds`; every value
goes in as a query parameter. A node keeps its element verbatim in ``props`` (JSON
text, the source of truth for pulling the model back) and also as plain properties
for Cypher: scalars and lists of scalars as they are, profiles flattened to
``profile_<dimension>``, other nested values as ``<field>_json``.
"""

from __future__ import annotations

import hashlib
import json
from operator import itemgetter

import networkx as nx

from pathways.graph.kinds import EDGE_KINDS, NODE_KINDS

NODE_LABEL = "Pw"
"""Label every pathways node carries beside its kind's label."""

_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
"""``json.dumps(value, ensure_ascii=False, sort_keys=True)``, one encoder for every node."""

_RESERVED = {"id", "build", "node_kind", "label_sv", "label_en", "status", "source", "props"}


def _scalar_list(value: list) -> bool:
    return (
        all(isinstance(v, str) for v in value)
        or all(isinstance(v, bool) for v in value)
        or all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    )


def node_properties(node_id: str, data: dict) -> dict:
    """The Neo4j properties of one graph node.

    >>> p = node_properties("r1", {"kind": "responsibility", "label_sv": "A", "label_en": "B", "status": "law",
    ...     "source": "seed-001", "props": {"id": "r1", "needs": ["x"], "profile": {"alder": ["barn"]}}})
    >>> p["needs"], p["profile_alder"], p["node_kind"]
    (['x'], ['barn'], 'responsibility')
    """
    props = data["props"]
    out = {
        "id": node_id,
        "node_kind": data["kind"],
        "label_sv": data["label_sv"],
        "label_en": data["label_en"],
        "status": data["status"],
        "source": data["source"],
        "props": _JSON.encode(props),
    }
    for key, value in props.items():
        if key in _RESERVED or key == "label":
            continue
        if isinstance(value, (str, int, float, bool)) or (isinstance(value, list) and _scalar_list(value)):
            out[key] = value
        elif isinstance(value, dict) and all(isinstance(v, list) and _scalar_list(v) for v in value.values()):
            for sub, sub_value in value.items():
                out[f"{key}_{sub}"] = sub_value
        else:
            out[f"{key}_json"] = _JSON.encode(value)
    source = props.get("source")
    if isinstance(source, dict):
        out["source_doc"] = source.get("doc")
        if source.get("section"):
            out["source_section"] = source["section"]
    return out


def node_rows(G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Node kind -> rows ``{id, props}``, sorted by id."""
    rows: dict[str, list[dict]] = {kind: [] for kind in NODE_KINDS}
    for node_id, data in sorted(G.nodes(data=True), key=itemgetter(0)):
        rows[data["kind"]].append({"id": node_id, "props": node_properties(node_id, data)})
    return rows


def edge_rows(G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Edge kind -> rows ``{s, t, order}``, sorted by source and target (an edge's key is
    its kind, so no two edges of a kind share both)."""
    ends: dict[str, list[tuple[str, str, int | None]]] = {kind: [] for kind in EDGE_KINDS}
    for s, t, kind, order in G.edges(keys=True, data="order"):
        ends[kind].append((s, t, order))
    return {kind: [{"s": s, "t": t, "order": order} for s, t, order in sorted(e)] for kind, e in ends.items()}


def build_id(meta: dict, nodes: dict[str, list[dict]], edges: dict[str, list[dict]]) -> str:
    """A content hash of the graph (its :func:`node_rows` and :func:`edge_rows`): the same
    model gives the same build, whatever its name."""
    digest = hashlib.sha256()
    digest.update(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    for kind, rows in nodes.items():
        for row in rows:
            digest.update(f"N\0{kind}\0{row['id']}\0{row['props']['props']}\n".encode())
    for kind, rows in edges.items():
        for row in rows:
            digest.update(f"E\0{kind}\0{row['s']}\0{row['t']}\0{row['order']}\n".encode())
    return digest.hexdigest()[:20]
