"""The adapter between a journey of the log and the trace of the cases.

Only this module knows the trace's input and output: a journey becomes a
:class:`~pathways.cases.format.Case` (its events at units, handovers and SIP points,
shifted to a fixed start day), and the trace becomes a small :class:`Replayed`. The
needs named in the log's ``behov`` column are the case's ``needs`` (the patient has them
all through), and the profile table's dated rows within the journey are the case's
``changes``. The trace counts calendar days, so a journey's result depends only on its
profiles (with their day offsets), those needs and the day offsets of its events:
journeys with the same key share one replay.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from pathways.cases.format import Case, CaseEvent, ProfileChange
from pathways.cases.trace import Tracer
from pathways.conformance.journeys import Event, Journey
from pathways.conformance.profiles import Timeline
from pathways.gaps.core import Finding
from pathways.model.errors import ModelError
from pathways.model.model import Model

EPOCH = date(2001, 1, 1)
"""Every replayed journey starts on this day (a Monday); results are read as offsets from it."""


@dataclass(frozen=True)
class Replayed:
    """What conformance needs from one trace, in day offsets from the journey's first event."""

    uncovered_days: int
    uncovered_needs: tuple[tuple[str, int], ...]
    """(need, days without an owner)."""
    sips: tuple[tuple[str, str], ...]
    """(SIP point, ``late`` | ``missing``) for each SIP the model asks for that is late or not held."""
    handovers: tuple[tuple[str, int, bool], ...]
    """(handover, day offset, applies to the profile) for each handover of the journey."""
    rules: tuple[str, ...]
    """Gap rules whose findings the journey meets."""
    problem: str = ""
    """Why the journey could not be replayed (it does not fit the model), else empty."""


class Replayer:
    """Replays journeys through the trace, once per distinct key."""

    def __init__(self, model: Model, findings: list[Finding] | None = None):
        self.model = model
        self.tracer = Tracer(model, findings)
        self.cache: dict[tuple, Replayed] = {}
        self.replayed = 0

    def key(self, journey: Journey, profiles: Timeline) -> tuple:
        """The replay key: the profiles, the needs the log names, the trace's events as (day offset, event, where)."""
        start = journey.events[0].day
        events = []
        for e in journey.events:
            at = self._where(e)
            if at is not None:
                events.append(((e.day - start).days, e.kind, at))
        return profiles, tuple(sorted({e.need for e in journey.events if e.need})), tuple(events)

    def replay(self, journey: Journey, profiles: Timeline) -> Replayed:
        key = self.key(journey, profiles)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._run(key)
        return found

    def _where(self, e: Event) -> str | None:
        """Where the trace places an event: the SIP point, handover or unit; None if not a trace event."""
        m = self.model
        kind = m.kind_of.get(e.kind)
        if kind != "events":
            return None
        if e.handover:
            h = m.by_id[e.handover]
            if m.kind_of[e.handover] == "sip_points":
                return e.handover
            if e.kind == h.trigger:
                return e.handover
            points = [s.id for s in m.sip_points if s.at == e.handover]
            if e.kind == "sip-mote" and points:
                return points[0]
        return e.unit or None

    def _run(self, key: tuple) -> Replayed:
        profiles, needs, events = key
        self.replayed += 1
        if not events:
            return Replayed(0, (), (), (), ())
        case = Case(
            id="journey",
            label={"sv": "Resa", "en": "Journey"},
            profile=dict(profiles[0][1]),
            changes=_changes(profiles),
            needs=list(needs),
            events=[CaseEvent(date=EPOCH + timedelta(days=o), event=ev, at=at) for o, ev, at in events],
        )
        try:
            t = self.tracer.trace(case)
        except ModelError as exc:
            return Replayed(0, (), (), (), (), exc.problems[0].message)
        needs = Counter(n for d in t.days for n in d.uncovered)
        sips = tuple((s.id, "missing" if not s.held else "late") for s in t.sips if not s.held or s.on_time is False)
        handovers = tuple(((h.id, (h.date - EPOCH).days, not h.outside_profile)) for h in t.handovers)
        return Replayed(
            t.uncovered_days, tuple(sorted(needs.items())), sips, handovers, tuple(sorted({f.rule for f in t.findings}))
        )


def _changes(profiles: Timeline) -> list[ProfileChange]:
    """The later profiles of a timeline as the case's dated changes (only the dimensions that change)."""
    out = []
    for (_, before), (offset, after) in pairwise(profiles):
        changed = dict(set(after) - set(before))
        if changed:
            out.append(ProfileChange(date=EPOCH + timedelta(days=offset), profile=changed))
    return out
