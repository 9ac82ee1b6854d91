"""BPMN 2.0 XML of the model: a collaboration laid out on a grid (BPMN DI), for bpmn.io and Camunda Modeler.

Pools are stacked, one row of lanes each; every chain of flow nodes takes the next columns
of its pool, each node in its lane's row. See :mod:`pathways.outputs.bpmn_process` for what
becomes what.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pathways.model.model import Model
from pathways.outputs.bpmn_process import Collaboration, Node, Pool, collaboration

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for prefix, uri in (("bpmn", BPMN), ("bpmndi", BPMNDI), ("dc", DC), ("di", DI), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)

POOL_LABEL, LANE_LABEL, COL, LANE_H, LEFT = 30, 30, 150, 200, 120
SIZE = {"task": (100, 80), "sendTask": (100, 80), "dataObjectReference": (36, 50)}
EVENT = (36, 36)


@dataclass
class Box:
    x: float
    y: float
    w: float
    h: float

    def right(self):
        return (self.x + self.w, self.y + self.h / 2)

    def left(self):
        return (self.x, self.y + self.h / 2)

    def top(self):
        return (self.x + self.w / 2, self.y)

    def bottom(self):
        return (self.x + self.w / 2, self.y + self.h)


def _q(tag: str, ns: str = BPMN) -> str:
    return f"{{{ns}}}{tag}"


def _layout(c: Collaboration) -> tuple[dict[str, Box], dict[str, Box]]:
    """Boxes of pools and lanes (by id), and of nodes (by id).

    Each chain starts at the first column free in every lane it touches, so chains in
    other lanes share columns.
    """
    frames, boxes, columns = {}, {}, 1
    y = 0
    for pool in c.pools:
        rows = {lane: y + i * LANE_H for i, (lane, _) in enumerate(pool.lanes)}
        free = dict.fromkeys(rows, 0)
        for chain, extras in zip(pool.chains, pool.extras, strict=True):
            lanes = {n.lane for n in chain + extras}
            col = max(free[lane] for lane in lanes)
            for node in chain:
                boxes[node.id] = _place(node, LEFT + col * COL, rows[node.lane])
                col += 1
            for node in extras:
                host = node.attached_to or node.data_from or node.follows or ""
                boxes[node.id] = _place_extra(node, boxes[host], rows[node.lane])
            for lane in lanes:
                free[lane] = col + 1
        columns = max(columns, *free.values())
        frames[pool.id] = Box(0, y, 0, LANE_H * len(pool.lanes))
        for lane, top in rows.items():
            frames[f"Lane_{lane}"] = Box(POOL_LABEL, top, 0, LANE_H)
        y += LANE_H * len(pool.lanes) + 40
    width = LEFT + COL * columns
    for key, box in frames.items():
        box.w = width - (POOL_LABEL if key.startswith("Lane_") else 0)
    return frames, boxes


def _place(node: Node, x: float, top: float) -> Box:
    w, h = SIZE.get(node.kind, EVENT)
    return Box(x + (100 - w) / 2, top + 110 - h / 2, w, h)


def _place_extra(node: Node, host: Box, top: float) -> Box:
    """A node beside its host: a boundary timer on its task's corner, a data object above, an end event below."""
    if node.kind == "boundaryEvent":
        return Box(host.x + host.w - 28, host.y + host.h - 18, *EVENT)
    if node.kind == "dataObjectReference":
        return Box(host.x + host.w + 7, top + 8, *SIZE["dataObjectReference"])
    return Box(host.x + 70, top + LANE_H - 44, *EVENT)


def _text(parent: ET.Element, tag: str, text: str, **attrs) -> ET.Element:
    e = ET.SubElement(parent, _q(tag), attrs)
    e.text = text
    return e


def _flow_node(process: ET.Element, node: Node, incoming: list[str], outgoing: list[str]) -> ET.Element:
    attrs = {"id": node.id, "name": node.name}
    if node.attached_to:
        attrs |= {"attachedToRef": node.attached_to, "cancelActivity": "false"}
    e = ET.SubElement(process, _q(node.kind), attrs)
    if node.doc:
        _text(e, "documentation", node.doc)
    for f in incoming:
        _text(e, "incoming", f)
    for f in outgoing:
        _text(e, "outgoing", f)
    return e


def _event_definition(e: ET.Element, node: Node) -> None:
    if node.signal:
        ET.SubElement(e, _q("signalEventDefinition"), {"id": f"{node.id}_def", "signalRef": f"Signal_{node.signal}"})
    elif node.message:
        ET.SubElement(
            e, _q("messageEventDefinition"), {"id": f"{node.id}_def", "messageRef": f"Message_{node.message}"}
        )
    elif node.timer:
        d = ET.SubElement(e, _q("timerEventDefinition"), {"id": f"{node.id}_def"})
        _text(d, "timeDuration", node.timer, **{f"{{{XSI}}}type": "bpmn:tFormalExpression"})


def _process(root: ET.Element, pool: Pool) -> list[tuple[str, str, str]]:
    """The process of a pool; returns its sequence flows and data associations (id, from, to)."""
    process = ET.SubElement(root, _q("process"), {"id": f"Process_{pool.id[5:]}", "isExecutable": "false"})
    lane_set = ET.SubElement(process, _q("laneSet"), {"id": f"LaneSet_{pool.id[5:]}"})
    members: dict[str, list[str]] = {lane: [] for lane, _ in pool.lanes}
    for chain, extras in zip(pool.chains, pool.extras, strict=True):
        for node in chain + extras:
            if node.kind != "dataObjectReference":
                members[node.lane].append(node.id)
    for lane, name in pool.lanes:
        el = ET.SubElement(lane_set, _q("lane"), {"id": f"Lane_{lane}", "name": name})
        for ref in members[lane]:
            _text(el, "flowNodeRef", ref)
    edges = []
    for chain, extras in zip(pool.chains, pool.extras, strict=True):
        flows = [(f"Seq_{a.id}", a.id, b.id) for a, b in itertools.pairwise(chain)]
        late = [(f"Seq_{t.id}", t.id, e.id) for t, e in itertools.pairwise(extras) if t.kind == "boundaryEvent"]
        links = flows + late
        for node in chain + [x for x in extras if x.kind != "dataObjectReference"]:
            e = _flow_node(
                process, node, [f for f, _, b in links if b == node.id], [f for f, a, _ in links if a == node.id]
            )
            if node.kind == "sendTask" or node.kind == "task":
                _data_output(e, node, extras)
            _event_definition(e, node)
        for fid, a, b in links:
            ET.SubElement(process, _q("sequenceFlow"), {"id": fid, "sourceRef": a, "targetRef": b})
        for x in extras:
            if x.kind == "dataObjectReference":
                ET.SubElement(process, _q("dataObject"), {"id": f"{x.id}_object"})
                ET.SubElement(
                    process, _q("dataObjectReference"), {"id": x.id, "name": x.name, "dataObjectRef": f"{x.id}_object"}
                )
                edges.append((f"Assoc_{x.id}", x.data_from or "", x.id))
        edges += links
    return edges


def _data_output(e: ET.Element, node: Node, extras: list[Node]) -> None:
    for x in extras:
        if x.kind == "dataObjectReference" and x.data_from == node.id:
            assoc = ET.SubElement(e, _q("dataOutputAssociation"), {"id": f"Assoc_{x.id}"})
            _text(assoc, "targetRef", x.id)


def _shape(plane: ET.Element, element: str, box: Box, horizontal: bool | None = None) -> None:
    attrs = {"id": f"{element}_di", "bpmnElement": element}
    if horizontal is not None:
        attrs["isHorizontal"] = "true"
    s = ET.SubElement(plane, _q("BPMNShape", BPMNDI), attrs)
    ET.SubElement(
        s,
        _q("Bounds", DC),
        {k: str(round(v)) for k, v in zip(["x", "y", "width", "height"], (box.x, box.y, box.w, box.h), strict=True)},
    )


def _edge(plane: ET.Element, element: str, points: list[tuple[float, float]]) -> None:
    e = ET.SubElement(plane, _q("BPMNEdge", BPMNDI), {"id": f"{element}_di", "bpmnElement": element})
    for x, y in points:
        ET.SubElement(e, _q("waypoint", DI), {"x": str(round(x)), "y": str(round(y))})


def _elbow(a: tuple[float, float], b: tuple[float, float], vertical: bool = False) -> list[tuple[float, float]]:
    if a[1] == b[1] or a[0] == b[0]:
        return [a, b]
    if vertical:
        mid = (a[1] + b[1]) / 2
        return [a, (a[0], mid), (b[0], mid), b]
    mid = (a[0] + b[0]) / 2
    return [a, (mid, a[1]), (mid, b[1]), b]


def bpmn_tree(model: Model, lang: str = "sv", each_municipality: bool = False) -> ET.ElementTree:
    """The model as a BPMN 2.0 document with diagram interchange."""
    c = collaboration(model, lang, each_municipality)
    root = ET.Element(
        _q("definitions"),
        {
            "id": f"Definitions_{model.meta.id}",
            "targetNamespace": "https://pathways.invalid/bpmn",
            "exporter": "pathways",
            "exporterVersion": model.meta.version,
        },
    )
    for sid, name in c.signals.items():
        ET.SubElement(root, _q("signal"), {"id": f"Signal_{sid}", "name": name})
    for mid, name in c.messages.items():
        ET.SubElement(root, _q("message"), {"id": f"Message_{mid}", "name": name})
    collab = ET.SubElement(root, _q("collaboration"), {"id": c.id, "name": c.name})
    _text(collab, "documentation", c.doc)
    for pool in c.pools:
        ET.SubElement(
            collab, _q("participant"), {"id": pool.id, "name": pool.name, "processRef": f"Process_{pool.id[5:]}"}
        )
    for fid, name, a, b in c.message_flows:
        ET.SubElement(collab, _q("messageFlow"), {"id": fid, "name": name, "sourceRef": a, "targetRef": b})
    edges = [e for pool in c.pools for e in _process(root, pool)]
    frames, boxes = _layout(c)
    diagram = ET.SubElement(root, _q("BPMNDiagram", BPMNDI), {"id": f"Diagram_{model.meta.id}"})
    plane = ET.SubElement(diagram, _q("BPMNPlane", BPMNDI), {"id": f"Plane_{model.meta.id}", "bpmnElement": c.id})
    for fid, box in frames.items():
        _shape(plane, fid, box, horizontal=True)
    for nid, box in boxes.items():
        _shape(plane, nid, box)
    for fid, a, b in edges:
        if fid.startswith("Assoc_"):
            _edge(plane, fid, [boxes[a].top(), boxes[b].left()])
        elif fid.startswith("Seq_Timer_"):
            _edge(plane, fid, [boxes[a].bottom(), (boxes[a].bottom()[0], boxes[b].left()[1]), boxes[b].left()])
        else:
            _edge(plane, fid, _elbow(boxes[a].right(), boxes[b].left()))
    for fid, _, a, b in c.message_flows:
        down = boxes[a].y < boxes[b].y
        start, end = (boxes[a].bottom(), boxes[b].top()) if down else (boxes[a].top(), boxes[b].bottom())
        _edge(plane, fid, _elbow(start, end, vertical=True))
    ET.indent(root)
    return ET.ElementTree(root)


def write_bpmn(model: Model, path: Path, lang: str = "sv", each_municipality: bool = False) -> None:
    bpmn_tree(model, lang, each_municipality).write(path, encoding="utf-8", xml_declaration=True)
