"""One journey's deviations from the agreement, and its measuring points.

From the replay (days with a need and no owner, SIPs late or not held, the handovers that
happened) and from the journey's own rows (route steps done, acceptance, information).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta

from pathways.conformance.journeys import Event, Journey
from pathways.conformance.replay import Replayed
from pathways.conformance.vocabulary import ACCEPTED, INFORMATION
from pathways.model.model import Model


@dataclass(frozen=True)
class Deviation:
    kind: str
    element: str
    """The route step, SIP point, handover or need it is about."""
    days: int | None = None
    """Days late, or days without an owner."""


@dataclass
class StepResult:
    step: str
    route: str
    on_time: bool
    days: int | None
    """Days from the event the limit counts from to the step; None when the step is missing."""


@dataclass
class Assessed:
    """A journey judged: its deviations, route steps, routes, measuring points and variant."""

    deviations: list[Deviation] = field(default_factory=list)
    steps: list[StepResult] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    points: dict[str, int] = field(default_factory=dict)
    """Measuring point -> day offset from the journey's first event."""
    lead_time: int = 0
    variant: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    """The units of the journey's rows, in order of first appearance."""


def _first(events: list[Event], kind: str) -> Event | None:
    return next((e for e in events if e.kind == kind), None)


def _late(start: Event, done: Event, hours: int | None, days: int | None) -> bool:
    if hours is not None:
        if start.time is not None and done.time is not None:
            return done.time - start.time > timedelta(hours=hours)
        return (done.day - start.day).days > math.ceil(hours / 24)
    return (done.day - start.day).days > (days or 0)


def _route_steps(model: Model, journey: Journey, routes: list[str], out: Assessed) -> None:
    events = journey.events
    for route in routes:
        for step in model.by_id[route].steps:
            start = _first(events, step.after)
            if start is None:
                continue
            done = next((e for e in events if e.kind == step.id), None)
            if done is None:
                out.steps.append(StepResult(step.id, route, False, None))
                out.deviations.append(Deviation("step-missing", step.id))
                continue
            late = _late(start, done, step.within_hours, step.within_days)
            days = (done.day - start.day).days
            out.steps.append(StepResult(step.id, route, not late, days))
            if late:
                limit = step.within_days if step.within_days is not None else math.ceil((step.within_hours or 0) / 24)
                out.deviations.append(Deviation("step-late", step.id, max(days - limit, 0)))


def _handovers(model: Model, journey: Journey, replayed: Replayed, out: Assessed) -> None:
    start = journey.events[0].day
    for hid, offset, applies in replayed.handovers:
        if not applies:
            continue
        h = model.by_id[hid]
        rows = [e for e in journey.events if e.handover == hid]
        if h.gate is not None and not any(e.kind == ACCEPTED and (e.day - start).days >= offset for e in rows):
            out.deviations.append(Deviation("no-acceptance", hid))
        if h.passes and not any(e.kind == INFORMATION and (e.day - start).days <= offset for e in rows):
            out.deviations.append(Deviation("info-not-passed", hid))


def _points(journey: Journey, model: Model) -> dict[str, int]:
    events, start = journey.events, journey.events[0].day
    points = {}
    for kind in ("inskrivning", "utskrivningsklar", "utskrivning"):
        e = _first(events, kind)
        if e is not None:
            points[kind] = (e.day - start).days
    discharge = _first(events, "utskrivning")
    if discharge is not None:
        sender = discharge.unit
        if not sender and model.kind_of.get(discharge.handover) == "handovers":
            sender = model.by_id[discharge.handover].from_
        after = events[events.index(discharge) + 1 :]
        visit = next((e for e in after if e.unit and e.unit != sender), None)
        if visit is not None:
            points["first-visit"] = (visit.day - start).days
    return points


def assess(model: Model, journey: Journey, replayed: Replayed) -> Assessed:
    """Judge one journey against the model; ``replayed`` is its trace (see :mod:`.replay`)."""
    out = Assessed()
    taken = {hid for hid, _, _ in replayed.handovers} | {e.handover for e in journey.events if e.handover}
    out.routes = [r.id for r in model.routes if any(h in taken for h in r.handovers)]
    _route_steps(model, journey, out.routes, out)
    for sid, how in replayed.sips:
        out.deviations.append(Deviation(f"sip-{how}", sid))
    _handovers(model, journey, replayed, out)
    for need, days in replayed.uncovered_needs:
        out.deviations.append(Deviation("need-without-owner", need, days))
    out.points = _points(journey, model)
    out.lead_time = (journey.events[-1].day - journey.events[0].day).days
    out.variant = tuple(_label(e) for e in journey.events)
    out.units = tuple(dict.fromkeys(e.unit for e in journey.events if e.unit))
    return out


def _label(e: Event) -> str:
    where = e.handover or e.unit
    return f"{e.kind}@{where}" if where else e.kind
