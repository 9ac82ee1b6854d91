"""Several drawings of one map with the same places: lay the map out once, then pin copies.

The what-if figure shows today's model and the changed one side by side; to be compared by
eye, each unit, SIP and arrow must stand at the same place in both. Graphviz ``dot`` does not
promise that for two graphs that differ, so the union of both is laid out once
(:func:`layout`, ``dot -Tjson``) and each panel is written with the positions, sizes and
arrow paths of that layout (:func:`pin`), moved by the panel's offset. The figure is drawn
with the ``nop2`` engine (``layout=nop2``: Graphviz's "positions given" mode), which keeps
every given position; the ``dot`` program runs it as it runs any other diagram.

Nodes are matched by name without the panel's prefix (``b_u_x`` and ``u_x``), clusters by
name (``cluster_b_lane_x`` and ``cluster_lane_x``), arrows by their ends and ``comment``
(the handover id).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field

import graphviz

from pathways.outputs.dotrun import dot_binary


@dataclass
class Layout:
    """Where ``dot`` put everything (points, y up): nodes, clusters, arrows, and the whole box."""

    bb: tuple[float, float, float, float]
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    """name -> pos, width, height."""
    clusters: dict[str, dict[str, str]] = field(default_factory=dict)
    """name -> bb, lp, lwidth, lheight."""
    edges: dict[tuple[str, str, str], dict[str, str]] = field(default_factory=dict)
    """(tail, head, comment) -> pos, lp."""

    @property
    def width(self) -> float:
        return self.bb[2] - self.bb[0]

    @property
    def height(self) -> float:
        return self.bb[3] - self.bb[1]


def _box(text: str) -> tuple[float, float, float, float]:
    x1, y1, x2, y2 = (float(v) for v in text.split(","))
    return x1, y1, x2, y2


def layout(g: graphviz.Digraph) -> Layout:
    """Lay ``g`` out with ``dot`` and read back every position."""
    out = subprocess.run(
        [dot_binary(), "-Tjson"], input=g.source.encode("utf-8"), capture_output=True, check=True
    ).stdout
    data = json.loads(out)
    result = Layout(_box(data["bb"]))
    names = {}
    for obj in data.get("objects", []):
        names[obj["_gvid"]] = obj["name"]
        if "bb" in obj:
            result.clusters[obj["name"]] = {k: obj[k] for k in ("bb", "lp", "lwidth", "lheight") if k in obj}
        elif "pos" in obj:
            result.nodes[obj["name"]] = {k: obj[k] for k in ("pos", "width", "height")}
    for edge in data.get("edges", []):
        key = (names[edge["tail"]], names[edge["head"]], edge.get("comment", ""))
        result.edges[key] = {k: edge[k] for k in ("pos", "lp") if k in edge}
    return result


def shift(text: str, dx: float, dy: float) -> str:
    """Coordinates (``x,y``, ``e,x,y ...``, ``x1,y1,x2,y2``) moved by (dx, dy).

    >>> shift("e,1,2 3.5,4", 10, 100)
    'e,11,102 13.5,104'
    """
    out = []
    for token in text.split(" "):
        head, numbers = (token[:2], token[2:]) if token[:2] in ("e,", "s,") else ("", token)
        values = [float(v) for v in numbers.split(",")]
        moved = [v + (dx if i % 2 == 0 else dy) for i, v in enumerate(values)]
        out.append(head + ",".join(f"{v:.6g}" for v in moved))
    return " ".join(out)


def _attrs(values: dict[str, str]) -> str:
    return " ".join(f'{k}="{v}"' for k, v in values.items())


_NODE = re.compile(r"^(\t+)(\w+) \[(.*)\]$")
_EDGE = re.compile(r"^(\t+)(\w+) -> (\w+)(?: \[(.*)\])?$")
_CLUSTER = re.compile(r"^(\t+)subgraph (cluster_\w+) \{$")
_COMMENT = re.compile(r'comment="?([^" \]]+)"?')


def pin(source_lines: list[str], at: Layout, prefix: str, dx: float, dy: float) -> list[str]:
    """The lines of a panel (drawn with ``prefix`` on its names) with the layout's places, moved
    by (dx, dy): nodes get ``pos`` and their laid-out size, arrows their path and label
    place, clusters their box. A node, arrow or cluster the layout does not hold is left out."""
    out: list[str] = []
    skip_depth = 0
    for line in source_lines:
        text = line.rstrip("\n")
        if skip_depth:
            skip_depth += text.count("{") - text.count("}")
            continue
        if text.lstrip("\t").startswith("{rank="):
            continue  # the layout has placed the rows
        if m := _CLUSTER.match(text):
            place = at.clusters.get(m.group(2).replace(f"cluster_{prefix}", "cluster_", 1))
            if place is None:
                skip_depth = 1
                continue
            moved = {"bb": shift(place["bb"], dx, dy)}
            if "lp" in place:
                moved |= {"lp": shift(place["lp"], dx, dy), "lwidth": place["lwidth"], "lheight": place["lheight"]}
            out += [line, f"{m.group(1)}\tgraph [{_attrs(moved)}]\n"]
        elif m := _EDGE.match(text):
            tail, head, attrs = m.group(2), m.group(3), m.group(4) or ""
            comment = _COMMENT.search(attrs)
            key = (tail.removeprefix(prefix), head.removeprefix(prefix), comment.group(1) if comment else "")
            place = at.edges.get(key)
            if place is None:
                continue
            moved = {k: shift(v, dx, dy) for k, v in place.items()}
            out.append(f"{m.group(1)}{tail} -> {head} [{attrs} {_attrs(moved)}]\n".replace("[ ", "["))
        elif (m := _NODE.match(text)) and m.group(2) not in ("graph", "node", "edge"):
            place = at.nodes.get(m.group(2).removeprefix(prefix))
            if place is None:
                continue
            moved = {
                "pos": shift(place["pos"], dx, dy),
                "width": place["width"],
                "height": place["height"],
                "fixedsize": "true",
            }
            out.append(f"{m.group(1)}{m.group(2)} [{m.group(3)} {_attrs(moved)}]\n")
        else:
            out.append(line)
    return out
