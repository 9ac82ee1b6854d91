"""A case's events read into facts: contacts, where the patient is, handovers, SIPs, profiles."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from pathways.cases.format import Case, CaseEvent
from pathways.cases.trace.context import TraceContext
from pathways.cases.trace.result import HandoverStep

ONE = timedelta(days=1)

SIP_CALLED = "sip-kallad"
"""The event that records the call to a SIP (kallelse)."""
SIP_HELD = "sip-mote"
"""The event that records the SIP meeting held."""


@dataclass
class Contact:
    """A span of contact with a unit (``end`` None: still open)."""

    start: date
    end: date | None
    seq: int
    receiver: bool

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Passage:
    """A handover that happens in the journey."""

    step: HandoverStep
    applies: bool
    """The model has this handover for the patient's profile on the trigger day."""
    keep: frozenset[str]
    """Needs the sender keeps after the trigger, through ``sender_until`` (the model's N days)."""


@dataclass
class Profiles:
    """The patient's profile through the journey."""

    days: list[date]
    bits: list[int]
    values: list[dict[str, list[str]]]

    def at(self, day: date) -> int:
        i = max(bisect_right(self.days, day) - 1, 0)
        return i

    def bit(self, day: date) -> int:
        return self.bits[self.at(day)]


@dataclass
class Facts:
    """What the events of a journey establish."""

    profiles: Profiles
    occurrences: dict[str, list[date]] = field(default_factory=lambda: defaultdict(list))
    contacts: dict[str, list[Contact]] = field(default_factory=lambda: defaultdict(list))
    passages: list[Passage] = field(default_factory=list)
    events_by_day: dict[date, list[CaseEvent]] = field(default_factory=lambda: defaultdict(list))
    sip_events: list[tuple[str, str, date]] = field(default_factory=list)
    """(SIP point, event, day)."""
    marks: list[date] = field(default_factory=list)
    """Days the trace must reach to show what happens."""
    dropped: list[tuple[str, date]] = field(default_factory=list)
    """(handover, day): a contact ended at a unit without the handover the model has for it."""
    returned: list[tuple[str, date]] = field(default_factory=list)
    """(handover, day): the receiver sent the referral or care request back that day."""
    vetoes: dict[str, list[tuple[frozenset[str], date, date | None]]] = field(default_factory=lambda: defaultdict(list))
    """unit -> (needs it let go of, from that day, until the day the receiver sent them back) until a new
    contact starts."""
    _ops: list[tuple[date, int, int, int, str]] = field(default_factory=list)
    _placements: list[tuple[date, int, str, str]] = field(default_factory=list)
    _settings: tuple[list[date], list[str | None]] = ([], [])

    def setting_on(self, day: date, home: str | None) -> str | None:
        place_days, place_settings = self._settings
        i = bisect_right(place_days, day) - 1
        return place_settings[i] if i >= 0 else home

    def spans_on(self, day: date) -> dict[str, Contact]:
        found = {}
        for unit, spans in self.contacts.items():
            for span in spans:
                if span.holds(day):
                    found[unit] = span
                    break
        return found

    def vetoed(self, unit: str, need: str, day: date, span: Contact | None) -> bool:
        """``unit`` let go of ``need`` at a handover and has not had a new contact since."""
        for needs, start, back in self.vetoes.get(unit, ()):
            if back is not None and day > back:
                continue
            if need in needs and start <= day and not (span is not None and span.start >= start):
                return True
        return False


def read_profiles(ctx: TraceContext, case: Case) -> Profiles:
    steps = case.profile_steps()
    return Profiles([d for d, _ in steps], [ctx.bit(v) for _, v in steps], [v for _, v in steps])


def read_journey(ctx: TraceContext, case: Case) -> Facts:
    """Read a case's events in order into :class:`Facts`."""
    facts = Facts(read_profiles(ctx, case))
    contacted: set[str] = set()
    for seq, ev in enumerate(case.events):
        facts.occurrences[ev.event].append(ev.date)
        facts.events_by_day[ev.date].append(ev)
        facts.marks.append(ev.date)
        kind = ctx.model.kind_of[ev.at]
        if kind == "units":
            _unit_event(ctx, facts, seq, ev)
            contacted.add(ev.at)
        elif kind == "handovers":
            _handover_event(ctx, facts, seq, ev, contacted)
        else:
            facts.sip_events.append((ev.at, ev.event, ev.date))
    _build_contacts(facts)
    _build_settings(ctx, facts)
    facts.dropped = _dropped(ctx, facts, case)
    return facts


def _dropped(ctx: TraceContext, facts: Facts, case: Case) -> list[tuple[str, date]]:
    """Contacts ended at a unit (``avslut``, ``utskrivning``) where the model hands the patient on.

    When the model has a handover from the unit that the ending event starts, and it fits the
    patient's profile that day, the agreement says who takes over; a case that ends the contact
    at the unit instead leaves the handover's needs with no one.
    """
    passed = {(p.step.from_unit, p.step.event, p.step.date) for p in facts.passages}
    found = []
    for ev in case.events:
        if ctx.model.kind_of[ev.at] != "units" or not _ends(ctx, ev) or (ev.at, ev.event, ev.date) in passed:
            continue
        bit = facts.profiles.bit(ev.date)
        found += [(h, ev.date) for h in ctx.onward.get((ev.at, ev.event), ()) if ctx.handover_mask[h] & bit]
    return found


def _ends(ctx: TraceContext, ev: CaseEvent) -> bool:
    return ev.ends if ev.ends is not None else ev.event in ctx.closing


def _unit_event(ctx: TraceContext, facts: Facts, seq: int, ev: CaseEvent) -> None:
    facts._ops.append((ev.date, seq, 0, 0, ev.at))
    facts._placements.append((ev.date, seq, "unit", ev.at))
    if ev.event in ctx.returning:
        _send_back(ctx, facts, seq, ev)
    elif _ends(ctx, ev):
        facts._ops.append((ev.date, seq, 1, 0, ev.at))
        facts._placements.append((ev.date + ONE, seq, "left", ev.at))


def _send_back(ctx: TraceContext, facts: Facts, seq: int, ev: CaseEvent) -> None:
    """The receiver sends back the referral that brought the patient: its contact ends that day.

    The sender, or the handover's ``on_reject.to``, has the patient again from the next day and
    what the sender let go of is its own again; the passed needs wait for an owner.
    """
    facts._ops.append((ev.date, seq, 1, 0, ev.at))
    brought = [p for p in facts.passages if p.step.to_unit == ev.at and p.step.date <= ev.date]
    if not brought:
        return
    step = brought[-1].step
    reject = ctx.model.by_id[step.id].on_reject
    back_to = reject.to if reject is not None and reject.to else step.from_unit
    facts._ops.append((ev.date + ONE, seq, 0, 0, back_to))
    facts._placements.append((ev.date + ONE, seq, "unit", back_to))
    facts.vetoes[step.from_unit] = [
        (needs, start, ev.date if back is None else back) for needs, start, back in facts.vetoes[step.from_unit]
    ]
    facts.returned.append((step.id, ev.date))


def _handover_event(ctx: TraceContext, facts: Facts, seq: int, ev: CaseEvent, contacted: set[str]) -> None:
    m, cal, t = ctx.model, ctx.counter, ev.date
    h = m.by_id[ev.at]
    t_s = cal.add(t, h.sender_until, h.days)
    t_r = cal.add(t, h.receiver_from, h.days)
    facts.marks.extend((t_s, t_r))
    if h.from_ not in contacted:
        facts._ops.append((t, seq, 0, 0, h.from_))
        if not facts._placements:
            facts._placements.append((t, seq, "unit", h.from_))
    contacted.update((h.from_, h.to))
    facts._ops.append((t_r, seq, 0, 1, h.to))
    if _ends(ctx, ev):
        facts._ops.append((t_s, seq, 1, 0, h.from_))
    facts._placements.append((t + ONE, seq, "unit", h.to))
    bit = facts.profiles.bit(t)
    applies = bool(ctx.handover_mask[h.id] & bit)
    keep: frozenset[str] = frozenset()
    if applies:
        facts.vetoes[h.from_].append((frozenset(h.needs), t_s + ONE, None))
        if t_s > t:
            held = ctx.view(bit).resp_by_owner.get(h.from_, ())
            keep = frozenset(n for n in h.needs if any(n in needs for _, needs, _ in held))
    step = HandoverStep(
        id=h.id,
        date=t,
        event=ev.event,
        from_unit=h.from_,
        to_unit=h.to,
        mode=h.mode,
        needs=list(h.needs),
        passes=list(h.passes),
        receiver_needs=list(h.receiver_needs),
        missing=[i for i in h.receiver_needs if i not in h.passes],
        sender_until=t_s,
        receiver_from=t_r,
        days=h.days,
        gate=h.gate.by if h.gate else None,
        outside_profile=not applies,
        sip_points=[s for s in ctx.sips_at.get(h.id, ()) if ctx.sip_mask[s] & bit],
        routes=[r for r in ctx.routes_of.get(h.id, ()) if ctx.route_mask[r] & bit],
    )
    facts.passages.append(Passage(step, applies, keep))


def _build_contacts(facts: Facts) -> None:
    for day, seq, op, sub, unit in sorted(facts._ops):
        spans = facts.contacts[unit]
        is_open = bool(spans) and spans[-1].end is None
        if op == 0 and not is_open:
            spans.append(Contact(day, None, seq, bool(sub)))
        elif op == 1 and is_open:
            spans[-1].end = day


def _build_settings(ctx: TraceContext, facts: Facts) -> None:
    place_days: list[date] = []
    place_settings: list[str | None] = []
    current = None
    for day, _, how, unit in sorted(facts._placements, key=lambda p: (p[0], p[1])):
        bit = facts.profiles.bit(day)
        current = ctx.view(bit).own_setting if how == "left" else ctx.unit_setting(unit, bit, current)
        if place_days and place_days[-1] == day:
            place_settings[-1] = current
        else:
            place_days.append(day)
            place_settings.append(current)
    facts._settings = (place_days, place_settings)
