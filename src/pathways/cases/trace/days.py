"""The journey day by day: who holds the patient, who owns each need, what is uncovered.

Ownership is strict: a unit owns a need on a day only where it has contact with the
patient and one of its responsibilities gives it that need, for the patient's profile
that day, in the day's setting, inside the responsibility's time window; or where the
sender of a handover keeps the handover's needs the model says it keeps (``sender_until``
days after the trigger). A handover itself gives the receiver nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from pathways.cases.calendar import is_working_day
from pathways.cases.format import Case
from pathways.cases.match import Touch
from pathways.cases.trace.context import TraceContext
from pathways.cases.trace.journey import ONE, SIP_CALLED, Contact, Facts
from pathways.cases.trace.result import Day


@dataclass
class Walk:
    """What the day-by-day walk carries from one day to the next."""

    waiting: dict[str, str] = field(default_factory=dict)
    """Needs a handover passed that no one has taken up yet -> the handover."""
    met_units: set[str] = field(default_factory=set)
    met: dict[str, list[date]] = field(default_factory=lambda: defaultdict(list))
    """Gap-rule finding -> the days the journey meets it."""
    runs: dict[str, list[tuple[date, str | None, str]]] = field(default_factory=lambda: defaultdict(list))
    """Need -> (day, setting, cause) of each uncovered day."""


def window_holds(ctx: TraceContext, facts: Facts, r, day: date, span: Contact | None) -> bool:
    """Whether a responsibility's time window is open on ``day`` (counted from the journey's events)."""
    w = r.window
    if w is None:
        return True
    occ = facts.occurrences.get(w.event, [])
    cal = ctx.counter
    if w.start_day is None:
        since = span.start if span else day
        mine = [e for e in occ if e >= since]
        if not mine:
            return True
        return w.end_day is None or cal.offset(day, mine[0], w.days) <= w.end_day
    for e in occ:
        off = cal.offset(day, e, w.days)
        if off >= w.start_day and (w.end_day is None or off <= w.end_day):
            return True
    return False


def owners_of(
    ctx: TraceContext, facts: Facts, need: str, day: date, bit: int, setting: str | None, spans: dict[str, Contact]
) -> tuple[list[str], list[str], set[str]]:
    """The units owning ``need`` on ``day``, what gives each, and the responsibilities in force."""
    units: list[str] = []
    why: list[str] = []
    in_force: set[str] = set()
    resp_for = ctx.view(bit).resp_for
    for u, span in spans.items():
        entries = resp_for.get((u, need))
        if not entries or facts.vetoed(u, need, day, span):
            continue
        for r, settings in entries:
            if setting in settings and window_holds(ctx, facts, r, day, span):
                if u not in units:
                    units.append(u)
                    why.append(r.id)
                in_force.add(r.id)
    for p in facts.passages:
        s = p.step
        if need in p.keep and s.date < day <= s.sender_until and s.from_unit in spans and s.from_unit not in units:
            units.append(s.from_unit)
            why.append(s.id)
    return units, why, in_force


def _holder(ctx: TraceContext, facts: Facts, spans: dict[str, Contact], setting: str | None, day: date) -> str | None:
    """The unit holding the patient: the latest contact working in the setting; a handover's
    receiver holds the patient from the day after the trigger, not on it."""
    arriving = {p.step.to_unit for p in facts.passages if p.step.date == day}
    engaged = [u for u in spans if not (spans[u].receiver and spans[u].start == day and u in arriving)] or list(spans)
    working_here = [u for u in engaged if setting in ctx.unit_settings.get(u, ())]
    if working_here:
        return working_here[-1]
    return engaged[-1] if engaged else None


def day_row(ctx: TraceContext, facts: Facts, case: Case, walk: Walk, day: date, first: date) -> Day:
    """One day of the journey (``walk`` carries what passes from day to day)."""
    i = facts.profiles.at(day)
    bit, profile = facts.profiles.bits[i], facts.profiles.values[i]
    view = ctx.view(bit)
    setting = facts.setting_on(day, view.own_setting)
    spans = facts.spans_on(day)
    engaged = sorted(spans, key=lambda u: (spans[u].start, spans[u].seq, spans[u].receiver))
    spans = {u: spans[u] for u in engaged}
    for p in facts.passages:
        if p.applies and day == p.step.sender_until + ONE:
            for n in p.step.needs:
                walk.waiting.setdefault(n, p.step.id)
    for hid, ended in [*facts.dropped, *facts.returned]:
        if day == ended + ONE:
            for n in ctx.model.by_id[hid].needs:
                walk.waiting.setdefault(n, hid)
    owners: dict[str, list[str]] = {}
    via: dict[str, list[str]] = {}
    in_force: set[str] = set()
    required = [n for n in view.needs if not ctx.need_settings[n] or setting in ctx.need_settings[n]]
    for n in required:
        units, why, force = owners_of(ctx, facts, n, day, bit, setting, spans)
        in_force |= force
        if units:
            owners[n], via[n] = units, why
            walk.waiting.pop(n, None)
    declared = set(case.needs)
    uncovered = [n for n in required if n not in owners and (n in declared or n in walk.waiting)]
    for n in uncovered:
        walk.runs[n].append((day, setting, walk.waiting.get(n, "declared")))
    under_way = {
        p.step.id for p in facts.passages if p.step.date <= day <= max(p.step.sender_until, p.step.receiver_from)
    }
    todays = facts.events_by_day.get(day, ())
    held = [sid for sid, event, d in facts.sip_events if d == day and event != SIP_CALLED]
    walk.met_units.update(engaged)
    touch = Touch(
        handovers=under_way | set(held),
        responsibilities=in_force,
        units=set(engaged),
        needs=set(owners) | set(uncovered),
        events={e.event for e in todays},
        setting=setting,
        first_day=day == first,
        units_so_far=walk.met_units,
    )
    found = [f.id for f, anchor in view.fitting if touch.meets(anchor)]
    for fid in found:
        walk.met[fid].append(day)
    return Day(
        date=day,
        working_day=is_working_day(day),
        unit=_holder(ctx, facts, spans, setting, day),
        setting=setting,
        engaged=engaged,
        owners=owners,
        via=via,
        uncovered=uncovered,
        events=[{"event": e.event, "at": e.at, "kind": ctx.model.kind_of[e.at]} for e in todays],
        handovers=sorted(under_way),
        sips=held,
        findings=found,
        profile=profile,
    )
