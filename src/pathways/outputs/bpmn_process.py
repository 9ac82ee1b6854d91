"""The model as BPMN building blocks: pools per principal, lanes per unit, chains of flow nodes.

A handover is a chain in the sender's pool: the trigger as a signal start event, the route
steps that lead to it (each with its time limit as a timer), and a send task; the receiver's
pool starts with a message start event (the message flow), waits ``receiver_from`` days on a
timer and takes the needs on. A handover inside one pool is one chain across the two lanes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathways.model.model import Model
from pathways.model.schema import Handover, RouteStep

TEXT = {
    "sv": {
        "takes_over": "{unit} tar över: {needs}",
        "wait": "Mottagaren tar över dag {n}",
        "passes": "Följer med: {items}",
        "done": "Överlämnad",
        "taken": "Behoven övertagna",
        "late": "Tidsgränsen passerad",
        "source": "Källa",
        "working": "vardagar",
        "sources": "Källor",
    },
    "en": {
        "takes_over": "{unit} takes over: {needs}",
        "wait": "The receiver takes over on day {n}",
        "passes": "Passes: {items}",
        "done": "Handed over",
        "taken": "Needs taken over",
        "late": "Time limit passed",
        "source": "Source",
        "working": "working days",
        "sources": "Sources",
    },
}


@dataclass
class Node:
    id: str
    kind: str
    """startEvent, endEvent, task, sendTask, intermediateCatchEvent, boundaryEvent, dataObjectReference"""
    name: str
    lane: str
    doc: str = ""
    signal: str | None = None
    message: str | None = None
    timer: str | None = None
    attached_to: str | None = None
    """A boundary event: the task it sits on."""
    data_from: str | None = None
    """A data object: the task that writes it."""
    follows: str | None = None
    """An end event outside the chain: the boundary event it follows."""


@dataclass
class Pool:
    id: str
    name: str
    lanes: list[tuple[str, str]] = field(default_factory=list)
    """(lane id, name)"""
    chains: list[list[Node]] = field(default_factory=list)
    extras: list[list[Node]] = field(default_factory=list)
    """per chain: boundary timers with their end events, data objects"""


@dataclass
class Collaboration:
    id: str
    name: str
    doc: str
    pools: list[Pool]
    signals: dict[str, str]
    messages: dict[str, str]
    message_flows: list[tuple[str, str, str, str]]
    """(id, name, from node, to node)"""


def _label(model: Model, element_id: str, lang: str) -> str:
    e = model.get(element_id)
    return getattr(getattr(e, "label", None), lang, element_id) if e is not None else element_id


def _source(model: Model, element, lang: str) -> str:
    s = element.source
    doc = model.get(s.doc)
    title = getattr(doc, "title", s.doc)
    parts = [f"{TEXT[lang]['source']}: {s.doc} ({title})" + (f", {s.section}" if s.section else "")]
    if s.quote:
        parts.append(f"“{s.quote}”")
    if element.note:
        parts.append(element.note)
    return " ".join(parts)


def _duration(days: int | None = None, hours: int | None = None) -> str:
    if hours is not None:
        return f"PT{hours}H"
    return f"P{days or 0}D"


class _Builder:
    def __init__(self, model: Model, lang: str, each_municipality: bool):
        self.model, self.lang, self.each = model, lang, each_municipality
        self.groups = {g.id: g for g in model.principal_groups}
        self.pools: dict[str, Pool] = {}
        self.placed: dict[str, list[tuple[str, str]]] = {}
        self.signals: dict[str, str] = {}
        self.messages: dict[str, str] = {}
        self.flows: list[tuple[str, str, str, str]] = []
        self._place_units()

    def _pool(self, principal: str) -> Pool:
        if principal not in self.pools:
            self.pools[principal] = Pool(f"Pool_{principal}", _label(self.model, principal, self.lang))
        return self.pools[principal]

    def _place_units(self) -> None:
        for u in self.model.units:
            group = self.groups.get(u.principal)
            if group is not None and self.each:
                homes = [(m, f"{u.id}.{m}") for m in group.members]
            else:
                homes = [(u.principal, u.id)]
            self.placed[u.id] = homes
            for principal, lane in homes:
                self._pool(principal).lanes.append((lane, u.label.sv if self.lang == "sv" else u.label.en))

    def _lane_in(self, unit: str, principal: str) -> str | None:
        return next((lane for p, lane in self.placed.get(unit, ()) if p == principal), None)

    def _step(self, step: RouteStep, lane: str, key: str) -> tuple[Node, list[Node]]:
        node = Node(
            f"Task_{step.id}{key}", "task", getattr(step.label, self.lang), lane, _source(self.model, step, self.lang)
        )
        if step.within_hours is None and step.within_days is None:
            return node, []
        limit = _duration(step.within_days, step.within_hours)
        timer = Node(
            f"Timer_{step.id}{key}",
            "boundaryEvent",
            f"{_label(self.model, step.after, self.lang)} + {limit[1:]}",
            lane,
            timer=limit,
            attached_to=node.id,
        )
        late = Node(f"End_{step.id}{key}_late", "endEvent", TEXT[self.lang]["late"], lane, follows=timer.id)
        return node, [timer, late]

    def handover(self, h: Handover, steps: list[RouteStep]) -> None:
        t = TEXT[self.lang]
        for principal, lane in self.placed[h.from_]:
            key = "" if len(self.placed[h.from_]) == 1 else f".{principal}"
            pool = self._pool(principal)
            self.signals[h.trigger] = _label(self.model, h.trigger, self.lang)
            chain = [Node(f"Start_{h.id}{key}", "startEvent", self.signals[h.trigger], lane, signal=h.trigger)]
            extras: list[Node] = []
            for step in steps:
                actor_lane = self._lane_in(step.actor, principal) or lane
                node, more = self._step(step, actor_lane, key)
                chain.append(node)
                extras += more
            receivers = self._receivers(h, principal)
            inside = next(((p, ln) for p, ln in receivers if p == principal), None)
            task = Node(
                f"Task_{h.id}{key}",
                "task" if inside else "sendTask",
                h.label.sv if self.lang == "sv" else h.label.en,
                lane,
                _source(self.model, h, self.lang),
            )
            chain.append(task)
            if h.passes:
                items = ", ".join(getattr(i, "value", i) for i in h.passes)
                extras.append(
                    Node(
                        f"Data_{h.id}{key}",
                        "dataObjectReference",
                        t["passes"].format(items=items),
                        lane,
                        data_from=task.id,
                    )
                )
            if inside:
                chain += self._take_over(h, inside[1], key)
            else:
                chain.append(Node(f"End_{h.id}{key}", "endEvent", t["done"], lane))
            pool.chains.append(chain)
            pool.extras.append(extras)
            for p, ln in receivers:
                if p != principal:
                    self._receive(h, p, ln, task.id, key)

    def _receivers(self, h: Handover, principal: str) -> list[tuple[str, str]]:
        both_grouped = self.each and len(self.placed[h.from_]) > 1 and len(self.placed[h.to]) > 1
        return [(p, ln) for p, ln in self.placed[h.to] if not both_grouped or p == principal]

    def _take_over(self, h: Handover, lane: str, key: str) -> list[Node]:
        t = TEXT[self.lang]
        nodes = []
        if h.receiver_from:
            unit = f" {t['working']}" if getattr(h.days, "value", h.days) == "working" else ""
            nodes.append(
                Node(
                    f"Wait_{h.id}{key}",
                    "intermediateCatchEvent",
                    t["wait"].format(n=h.receiver_from) + unit,
                    lane,
                    timer=_duration(h.receiver_from),
                )
            )
        needs = ", ".join(_label(self.model, n, self.lang) for n in h.needs) or "-"
        nodes.append(
            Node(
                f"Take_{h.id}{key}",
                "task",
                t["takes_over"].format(unit=_label(self.model, h.to, self.lang), needs=needs),
                lane,
            )
        )
        nodes.append(Node(f"End_{h.id}{key}_taken", "endEvent", t["taken"], lane))
        return nodes

    def _receive(self, h: Handover, principal: str, lane: str, sender: str, key: str) -> None:
        rkey = f"{key}.{principal}" if len(self.placed[h.to]) > 1 else key
        msg = f"{h.id}"
        self.messages[msg] = h.label.sv if self.lang == "sv" else h.label.en
        start = Node(f"Receive_{h.id}{rkey}", "startEvent", self.messages[msg], lane, message=msg)
        pool = self._pool(principal)
        pool.chains.append([start, *self._take_over(h, lane, rkey)])
        pool.extras.append([])
        self.flows.append((f"Flow_{h.id}{rkey}", self.messages[msg], sender, start.id))


def collaboration(model: Model, lang: str = "sv", each_municipality: bool = False) -> Collaboration:
    """The model as pools, lanes, chains and message flows (no positions yet)."""
    b = _Builder(model, lang, each_municipality)
    steps: dict[str, list[RouteStep]] = {}
    for r in model.routes:
        steps.setdefault(r.handovers[0], []).extend(r.steps)
    for h in model.handovers:
        b.handover(h, steps.get(h.id, []))
    sources = "; ".join(f"{s.id}: {s.title} ({s.ref})" for s in model.sources)
    meta = model.meta
    return Collaboration(
        id=f"Collaboration_{meta.id}",
        name=getattr(meta.label, lang),
        doc=f"{getattr(meta.label, lang)}, {meta.version} ({meta.date}). {TEXT[lang]['sources']}: {sources}",
        pools=[p for p in b.pools.values() if p.lanes],
        signals=b.signals,
        messages=b.messages,
        message_flows=b.flows,
    )
