"""The trace's own findings: the deadlines of a route's steps and of SIPs, and needs passed to no owner.

- **Route steps.** The journey takes a route when one of the route's handovers happens.
  Each step with a ``done_by`` event must see that event within its limit
  (``within_days``, or ``within_hours`` rounded up to whole days) after the step's
  ``after`` event (its last occurrence on or before the route's handover, else the first).
  A step with ``not_before`` may be done from that event on, before ``after`` too (the
  information is transferred during the stay, by the day of discharge).
  A miss is a ``route-step-late`` finding naming the step and its source, on the days
  from the day after the deadline to the day it is done (or the trace ends).
- **SIPs.** A SIP point at a handover of the journey, whose profile fits the patient on
  the handover's day, is required. Its deadline counts ``within_days`` from its ``after``
  event, for the call (``deadline_for: call``) or the meeting. A late call or meeting is
  ``sip-late``; a SIP never held is ``sip-not-held`` (only that, when it was never called either),
  on every day from its deadline (or the handover) to the end. The SIP points of the handovers
  of one day are one planning: a call or a meeting at one of them counts for the others.
- **Contacts ended without the handover.** A contact that ends at a unit (``avslut``,
  ``utskrivning`` there) where the model has a handover from the unit for that event, fitting
  the patient that day, is ``ended-without-handover``: the handover's needs wait for an owner
  from the next day, as if passed on, and their days without one are marked.
- **A temporary prescription's time limit.** A handover after a temporary device
  prescription (``tillfallig-forskrivning``) that does not pass the prescription's time
  limit (``temporary_prescription_limit``) is ``temporary-limit-not-passed`` on the
  handover's day (HSLF-FS 2021:52: whoever takes over the care follows the device up and
  must know when the prescription ends). Orders to the device centre do not count.
- **Referrals sent back.** A ``returns`` event at a unit (``remiss-retur``) ends its contact;
  the handover's sender (or its ``on_reject.to``) has the patient again and owns what its own
  responsibilities give it; the passed needs wait for an owner, and their days without one are
  ``referral-returned``.
- **Needs passed to no owner.** A handover's need that the receiver does not own on the
  first day it holds them alone (the later of ``receiver_from`` and the day after
  ``sender_until``) is ``handover-not-owned``, on the days the need then has no owner.
"""

from __future__ import annotations

from datetime import date, timedelta
from math import ceil

from pathways.cases.trace.context import TraceContext
from pathways.cases.trace.journey import ONE, SIP_CALLED, SIP_HELD, TEMPORARY_PRESCRIPTION, Facts
from pathways.cases.trace.result import Day, Gap, SipStep, TraceFinding


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)] if first <= last else []


def _days_caused(gaps: list[Gap], handover: str, needs: list[str]) -> list[date]:
    """The days on which one of ``needs``, on its way through ``handover``, has no owner."""
    return sorted({d for g in gaps if g.cause == handover and g.need in needs for d in _span(g.start, g.end)})


def _base(occurrences: list[date], anchor: date) -> date | None:
    """The occurrence a limit counts from: the last on or before ``anchor``, else the first after."""
    before = [d for d in occurrences if d <= anchor]
    if before:
        return before[-1]
    return occurrences[0] if occurrences else None


def _source(src) -> str:
    return f"{src.doc}, {src.section}" if getattr(src, "section", None) else src.doc


def _label(ctx: TraceContext, element_id: str, lang: str) -> str:
    label = getattr(ctx.model.get(element_id), "label", None)
    return getattr(label, lang, element_id) if label else element_id


def routes_taken(facts: Facts) -> dict[str, date]:
    """The routes the journey takes -> the day of its first handover on the route."""
    first_day: dict[str, date] = {}
    for p in facts.passages:
        for r in p.step.routes:
            first_day.setdefault(r, p.step.date)
    return first_day


def route_deadlines(ctx: TraceContext, facts: Facts):
    """(route, step, deadline) for every checked step of the routes the journey takes."""
    for rid, taken in routes_taken(facts).items():
        for step in ctx.model.by_id[rid].steps:
            base = _base(facts.occurrences.get(step.after, []), taken)
            if step.done_by is None or base is None or not ctx.step_mask[step.id] & facts.profiles.bit(taken):
                continue
            limit = step.within_days if step.within_days is not None else ceil((step.within_hours or 0) / 24)
            yield rid, step, base, base + timedelta(days=limit)


def _start(facts: Facts, step, base: date, taken: date) -> date:
    """The first day the step counts as done: ``base``, or its ``not_before`` event when that came earlier."""
    early = _base(facts.occurrences.get(step.not_before, []), taken) if step.not_before else None
    return min(base, early) if early is not None else base


def route_findings(ctx: TraceContext, facts: Facts, end: date) -> list[TraceFinding]:
    """Each step of a route the journey takes that is not done within its limit."""
    found = []
    for rid, step, base, deadline in route_deadlines(ctx, facts):
        start = _start(facts, step, base, routes_taken(facts)[rid])
        done = next((d for d in facts.occurrences.get(step.done_by, []) if d >= start), None)
        if done is not None and done <= deadline:
            continue
        days = _span(deadline + ONE, min(done, end) if done else end)
        if not days:
            continue
        when = {"sv": f"gjort {done}", "en": f"done {done}"} if done else {"sv": "aldrig gjort", "en": "never done"}
        due = {"sv": "senast", "en": "due"}
        found.append(
            TraceFinding.of(
                kind="route-step-late",
                element=step.id,
                message={
                    lang: f"{getattr(step.label, lang)} ({_label(ctx, rid, lang)}): {due[lang]} {deadline}, {when[lang]}"
                    for lang in ("sv", "en")
                },
                source=_source(step.source),
                days=days,
            )
        )
    return found


def _same_planning(facts: Facts, sid: str) -> set[str]:
    """The other SIP points of the handovers on the same day as ``sid``'s: one discharge, one planning.

    A patient discharged to home healthcare and municipal rehab on one day gets one SIP, so a call
    or a meeting at any of that day's SIP points counts for each of them.
    """
    days = {p.step.date for p in facts.passages if sid in p.step.sip_points}
    return {o for p in facts.passages if p.step.date in days for o in p.step.sip_points} - {sid}


def sip_steps(ctx: TraceContext, facts: Facts) -> list[SipStep]:
    """Every SIP the journey requires or holds, with its call, meeting and deadline."""
    m = ctx.model
    required: dict[str, date] = {}
    for p in facts.passages:
        for sid in p.step.sip_points:
            required.setdefault(sid, p.step.date)
    for sid, _, d in facts.sip_events:
        required.setdefault(sid, d)
    steps = []
    for sid, anchor in required.items():
        s = m.by_id[sid]
        mine = [(event, d) for at, event, d in facts.sip_events if at == sid]
        mine = mine or [(event, d) for at, event, d in facts.sip_events if at in _same_planning(facts, sid)]
        held = next((d for event, d in mine if event == SIP_HELD), None)
        called = next((d for event, d in mine if event in (SIP_CALLED, SIP_HELD)), None)
        deadline = None
        if s.after is not None and s.within_days is not None:
            base = _base(facts.occurrences.get(s.after, []), anchor)
            deadline = base + timedelta(days=s.within_days) if base else None
        fact = called if s.deadline_for == "call" else held
        steps.append(
            SipStep(
                id=sid,
                date=held,
                held=held is not None,
                at=s.at,
                called_by=s.called_by,
                role=s.role,
                participants=list(s.participants),
                passes=["sip_plan"] if held else [],
                deadline=deadline,
                on_time=(fact is not None and fact <= deadline) if deadline else None,
                not_in_contact=[],
                in_contact_not_invited=[],
                called=called,
                deadline_for=s.deadline_for,
                required=any(sid in p.step.sip_points for p in facts.passages),
            )
        )
    return steps


def sip_findings(ctx: TraceContext, sips: list[SipStep], first: dict[str, date], end: date) -> list[TraceFinding]:
    """A required SIP called or held late, or never held."""
    found = []
    for s in sips:
        if not s.required:
            continue
        source = _source(ctx.model.by_id[s.id].source)
        name = {lang: _label(ctx, s.id, lang) for lang in ("sv", "en")}
        fact = s.called if s.deadline_for == "call" else s.date
        if s.deadline and fact is not None and fact > s.deadline:
            what = {"sv": "kallelse", "en": "call"} if s.deadline_for == "call" else {"sv": "möte", "en": "meeting"}
            found.append(
                TraceFinding.of(
                    kind="sip-late",
                    element=s.id,
                    message={
                        "sv": f"{name['sv']}: {what['sv']} senast {s.deadline}, gjord {fact}",
                        "en": f"{name['en']}: {what['en']} due {s.deadline}, done {fact}",
                    },
                    source=source,
                    days=_span(s.deadline + ONE, min(fact, end)),
                )
            )
        if not s.held:
            start = s.deadline + ONE if s.deadline else first[s.id]
            found.append(
                TraceFinding.of(
                    kind="sip-not-held",
                    element=s.id,
                    message={
                        "sv": f"{name['sv']}: krävs men hölls aldrig",
                        "en": f"{name['en']}: required but never held",
                    },
                    source=source,
                    days=_span(start, end),
                )
            )
    return found


_LEFT = {
    "ended-without-handover": {
        "sv": "{sender} avslutade kontakten {day} utan överlämningen '{handover}': ingen äger {needs}",
        "en": "{sender} ended the contact on {day} without the handover '{handover}': no one owns {needs}",
    },
    "referral-returned": {
        "sv": "{receiver} skickade tillbaka '{handover}' {day}: ingen äger {needs}",
        "en": "{receiver} sent '{handover}' back on {day}: no one owns {needs}",
    },
}


def left_findings(ctx: TraceContext, facts: Facts, gaps: list[Gap]) -> list[TraceFinding]:
    """Needs left waiting: a contact ended without the handover the model has, a referral sent back."""
    found = []
    for kind, entries in (("ended-without-handover", facts.dropped), ("referral-returned", facts.returned)):
        for hid, day in entries:
            h = ctx.model.by_id[hid]
            lost = sorted({g.need for g in gaps if g.cause == hid}, key=lambda n: ctx.need_rank.get(n, 0))
            days = _days_caused(gaps, hid, lost)
            message = {
                lang: _LEFT[kind][lang].format(
                    sender=_label(ctx, h.from_, lang),
                    receiver=_label(ctx, h.to, lang),
                    handover=_label(ctx, hid, lang),
                    day=day,
                    needs=", ".join(_label(ctx, n, lang) for n in lost) or "-",
                )
                for lang in ("sv", "en")
            }
            found.append(
                TraceFinding.of(
                    kind=kind,
                    element=hid,
                    message=message,
                    source=_source(h.source),
                    days=days or [day + ONE],
                    needs=lost,
                )
            )
    return found


LIMIT_ITEM = "temporary_prescription_limit"


def temporary_limit_findings(ctx: TraceContext, facts: Facts) -> list[TraceFinding]:
    """Handovers after a temporary prescription that do not pass on its time limit."""
    given = facts.occurrences.get(TEMPORARY_PRESCRIPTION, [])
    found = []
    for p in facts.passages:
        s = p.step
        first = next((d for d in given if d <= s.date), None)
        if first is None or s.mode == "device_order" or LIMIT_ITEM in s.passes:
            continue
        found.append(
            TraceFinding.of(
                kind="temporary-limit-not-passed",
                element=s.id,
                message={
                    "sv": f"{_label(ctx, s.id, 'sv')}: den tillfälliga förskrivningen ({first}) finns, men "
                    f"överlämningen för inte vidare dess tidsgräns till {_label(ctx, s.to_unit, 'sv')}",
                    "en": f"{_label(ctx, s.id, 'en')}: there is a temporary prescription ({first}), but the "
                    f"handover does not pass its time limit to {_label(ctx, s.to_unit, 'en')}",
                },
                source="hslf-fs-2021-52; rd-forskrivare",
                days=[s.date],
            )
        )
    return found


def handover_findings(ctx: TraceContext, facts: Facts, rows: dict[date, Day], gaps: list[Gap]) -> list[TraceFinding]:
    """Needs a handover passes that the receiver does not own on the first day it holds them alone."""
    found = []
    for p in facts.passages:
        s = p.step
        row = rows.get(max(s.receiver_from, s.sender_until + ONE))
        if not p.applies or row is None:
            continue
        lost = [n for n in s.needs if s.to_unit not in row.owners.get(n, ())]
        if not lost:
            continue
        days = _days_caused(gaps, s.id, lost)
        names = {lang: ", ".join(_label(ctx, n, lang) for n in lost) for lang in ("sv", "en")}
        found.append(
            TraceFinding.of(
                kind="handover-not-owned",
                element=s.id,
                message={
                    "sv": f"{_label(ctx, s.id, 'sv')}: {_label(ctx, s.to_unit, 'sv')} äger inte {names['sv']}",
                    "en": f"{_label(ctx, s.id, 'en')}: {_label(ctx, s.to_unit, 'en')} does not own {names['en']}",
                },
                source=_source(ctx.model.by_id[s.id].source),
                days=days or [s.receiver_from],
                needs=lost,
            )
        )
    return found
