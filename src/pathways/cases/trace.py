"""Trace a patient case day by day: where the patient is, who owns each need, what passes.

The rules, in the words of docs/cases-and-scenarios.md:

- **Contact.** An event at a unit starts the patient's contact with it. A handover starts
  the receiver's contact ``receiver_from`` days after the trigger. A contact ends with an
  event that *closes* a time window in the model (an event used as the end of a
  responsibility's window, such as ``utskrivning`` or ``avslut``): at a unit on that day;
  at a handover ``sender_until`` days after the trigger, for the sender. ``ends: true`` or
  ``false`` on the event overrides this.
- **Setting.** The patient is where the latest unit they came to works (a setting the
  profile allows); after a handover, from the next day, where the receiver works; after
  a contact ends with no handover, in the profile's own setting (home, clinic).
- **Owners.** On each day a need has as owners: every unit in contact whose
  responsibility covers the need for the case's profile in the day's setting, inside the
  responsibility's time window (counted from the case's own dated events); the sender of
  a handover for the handover's needs until ``sender_until``; the receiver from
  ``receiver_from``. A handover's needs leave the sender after ``sender_until`` and reach
  the receiver only at ``receiver_from``, whatever the responsibilities say.
- **Active needs and gaps.** A need is active on a day when it has an owner, when the
  case lists it in ``needs`` (the patient has it all through), or when it is on its way
  through a handover (after the sender let go, before the receiver takes it). An active
  need with no owner is *uncovered*: a day on which the patient falls between the chairs.
- **Findings.** A finding of the gap rules is met on the days the journey touches it
  (see :mod:`pathways.cases.match`).

Days count as calendar days; with ``calendar=True`` working days skip weekends and Swedish
public holidays.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from pathways.analysis.profiles import ProfileSpace
from pathways.cases.calendar import DayCounter, is_working_day
from pathways.cases.format import Case
from pathways.cases.load import check_case, closing_events
from pathways.cases.match import Anchor, Touch, anchor_of
from pathways.gaps.core import Finding, Options
from pathways.model.errors import ModelError
from pathways.model.model import Model

ONE = timedelta(days=1)
MAX_WINDOW_LOOKAHEAD = 31
"""A trace runs at most this many days past the last event to show a time window open or close."""


@dataclass(frozen=True)
class TraceOptions:
    """``calendar``: count working days on the real calendar (weekends, Swedish holidays)."""

    calendar: bool = False


@dataclass
class HandoverStep:
    """A handover that happens in the journey, and what passes at it."""

    id: str
    date: date
    event: str
    from_unit: str
    to_unit: str
    mode: str
    needs: list[str]
    passes: list[str]
    receiver_needs: list[str]
    missing: list[str]
    """What the receiver needs to act and the handover does not pass."""
    sender_until: date
    receiver_from: date
    days: str
    gate: str | None
    outside_profile: bool
    """The handover's profile does not include the patient's: the model has no such handover for them."""
    sip_points: list[str]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["from"] = data.pop("from_unit")
        data["to"] = data.pop("to_unit")
        for key in ("date", "sender_until", "receiver_from"):
            data[key] = data[key].isoformat()
        return data


@dataclass
class SipStep:
    """A SIP held in the journey (``held``), or one the model asks for that is not held."""

    id: str
    date: date | None
    held: bool
    at: str
    called_by: str
    role: str | None
    participants: list[str]
    passes: list[str]
    deadline: date | None
    on_time: bool | None
    not_in_contact: list[str]
    """Participants the patient has no contact with that day."""
    in_contact_not_invited: list[str]
    """Units the patient has contact with that day that the SIP point does not list."""

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("date", "deadline"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass
class Day:
    """One day of the journey: the row the timeline and the swimlane diagram draw."""

    date: date
    working_day: bool
    unit: str | None
    """The unit holding the patient (the latest contact working in the day's setting)."""
    setting: str | None
    engaged: list[str]
    """Every unit the patient has contact with."""
    owners: dict[str, list[str]]
    """need -> units owning it that day (only needs active that day)."""
    via: dict[str, list[str]]
    """need -> the responsibility or handover that gives each owner, in the order of ``owners``."""
    uncovered: list[str]
    """Active needs with no owner: red days."""
    events: list[dict]
    handovers: list[str]
    """Handovers under way (from the trigger day until both sides have acted)."""
    sips: list[str]
    findings: list[str]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["weekday"] = self.date.isoweekday()
        return data


@dataclass
class Gap:
    """A run of days on which an active need has no owner."""

    need: str
    start: date
    end: date
    days: int
    settings: list[str]
    cause: str
    """The handover the need was on its way through, or ``declared`` (listed in the case's needs)."""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        return data


@dataclass
class MetFinding:
    """A finding of the gap rules that the journey meets, and on which days."""

    id: str
    rule: str
    name: str
    severity: str
    message: dict[str, str]
    anchor: str
    days: list[date]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["days"] = [d.isoformat() for d in self.days]
        return data


@dataclass
class Trace:
    """A case traced through a model. ``as_dict()`` is plain data (JSON-ready)."""

    case: str
    label: dict[str, str]
    profile: dict[str, str]
    model: dict[str, str]
    calendar: bool
    start: date
    end: date
    days: list[Day]
    handovers: list[HandoverStep]
    sips: list[SipStep]
    gaps: list[Gap]
    findings: list[MetFinding]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def uncovered_days(self) -> int:
        return sum(1 for d in self.days if d.uncovered)

    def meets(self, finding_id: str) -> bool:
        return any(f.id == finding_id for f in self.findings)

    def as_dict(self) -> dict:
        return {
            "case": self.case,
            "label": self.label,
            "profile": self.profile,
            "model": self.model,
            "calendar": self.calendar,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "uncovered_days": self.uncovered_days,
            "days": [d.as_dict() for d in self.days],
            "handovers": [h.as_dict() for h in self.handovers],
            "sips": [s.as_dict() for s in self.sips],
            "gaps": [g.as_dict() for g in self.gaps],
            "findings": [f.as_dict() for f in self.findings],
            "labels": self.labels,
        }


@dataclass
class _Explicit:
    unit: str
    needs: frozenset[str]
    start: date
    end: date | None
    via: str
    role: str


@dataclass
class _Veto:
    unit: str
    needs: frozenset[str]
    start: date
    end: date | None
    lifts_on_return: bool


class Tracer:
    """Traces cases through one model; shares the work that does not depend on the case."""

    def __init__(self, model: Model, findings: list[Finding] | None = None, options: TraceOptions | None = None):
        self.model = model
        self.options = options or TraceOptions()
        if findings is None:
            from pathways.gaps.analyze import find_gaps

            findings = find_gaps(model, options=Options(calendar=self.options.calendar))
        self.findings = findings
        self.space = ProfileSpace.of(model)
        self.closing = closing_events(model)
        self.counter = DayCounter(self.options.calendar)
        self.setting_mask = {s.id: self.space.mask(s.profile) for s in model.settings}
        self.need_mask = {n.id: self.space.mask(n.applies_to) for n in model.needs}
        self.resp_mask = {r.id: self.space.mask(r.profile) for r in model.responsibilities}
        self.handover_mask = {h.id: self.space.mask(h.profile) for h in model.handovers}
        self.sip_mask = {s.id: self.space.mask(s.profile) for s in model.sip_points}
        self.anchors: list[tuple[Finding, Anchor]] = [(f, anchor_of(model, f, self.space)) for f in findings]

    # ------------------------------------------------------------------ helpers
    def profile_bit(self, case: Case) -> int:
        return self.space.mask({d: [v] for d, v in case.profile.items()})

    def allowed_settings(self, bit: int) -> list[str]:
        return [s.id for s in self.model.settings if self.setting_mask[s.id] & bit]

    def own_setting(self, bit: int) -> str | None:
        """The setting made for this profile (a setting with a profile that fits), else the first allowed."""
        allowed = self.allowed_settings(bit)
        specific = [s.id for s in self.model.settings if s.profile and s.id in allowed]
        return (specific or allowed or [None])[0]

    def unit_setting(self, unit: str, bit: int, previous: str | None) -> str | None:
        allowed = self.allowed_settings(bit)
        candidates = [s for s in self.model.by_id[unit].settings if s in allowed]
        if previous in candidates:
            return previous
        if candidates:
            return candidates[0]
        return previous if previous in allowed else self.own_setting(bit)

    # ------------------------------------------------------------------ trace
    def trace(self, case: Case, check: bool = True) -> Trace:
        """Trace one case; ModelError when the case does not fit the model."""
        m = self.model
        if check:
            problems = check_case(m, case)
            if problems:
                raise ModelError(problems)
        bit = self.profile_bit(case)
        cal = self.counter
        events = list(case.events)
        occurrences: dict[str, list[date]] = defaultdict(list)
        ops: list[tuple[date, int, int, int, str]] = []  # (day, seq, 0 open / 1 close, 0 sender / 1 receiver, unit)
        placements: list[tuple[date, int, str, str | None]] = []  # (day, seq, how, unit)
        explicit: list[_Explicit] = []
        vetoes: list[_Veto] = []
        pending: list[tuple[frozenset[str], date, date, str]] = []
        steps: list[HandoverStep] = []
        held: list[tuple[int, str, date]] = []
        marks: list[date] = []
        contacted: set[str] = set()

        for seq, ev in enumerate(events):
            t = ev.date
            occurrences[ev.event].append(t)
            marks.append(t)
            kind = m.kind_of[ev.at]
            element = m.by_id[ev.at]
            if kind == "units":
                ends = ev.ends if ev.ends is not None else ev.event in self.closing
                ops.append((t, seq, 0, 0, ev.at))
                placements.append((t, seq, "unit", ev.at))
                contacted.add(ev.at)
                if ends:
                    ops.append((t, seq, 1, 0, ev.at))
                    placements.append((t + ONE, seq, "left", ev.at))
            elif kind == "handovers":
                h = element
                ends = ev.ends if ev.ends is not None else ev.event in self.closing
                t_s = cal.add(t, h.sender_until, h.days)
                t_r = cal.add(t, h.receiver_from, h.days)
                marks.extend((t_s, t_r))
                if h.from_ not in contacted:
                    ops.append((t, seq, 0, 0, h.from_))
                    if not placements:
                        placements.append((t, seq, "unit", h.from_))
                contacted.update((h.from_, h.to))
                ops.append((t_r, seq, 0, 1, h.to))
                if ends:
                    ops.append((t_s, seq, 1, 0, h.from_))
                placements.append((t + ONE, seq, "unit", h.to))
                applies_here = bool(self.handover_mask[h.id] & bit)
                needs = frozenset(h.needs)
                if applies_here:  # a handover the model does not have for this profile passes no needs
                    explicit.append(_Explicit(h.from_, needs, t, t_s, h.id, "sender"))
                    explicit.append(_Explicit(h.to, needs, t_r, None, h.id, "receiver"))
                    if t_r > t:
                        vetoes.append(_Veto(h.to, needs, t, t_r - ONE, False))
                    vetoes.append(_Veto(h.from_, needs, t_s + ONE, None, True))
                    if t_r > t_s + ONE:
                        pending.append((needs, t_s + ONE, t_r - ONE, h.id))
                steps.append(
                    HandoverStep(
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
                        outside_profile=not applies_here,
                        sip_points=[s.id for s in m.sip_points if s.at == h.id and self.sip_mask[s.id] & bit],
                    )
                )
            else:
                held.append((seq, ev.at, t))
                contacted.update(element.participants)

        # contacts: unit -> [[start, end | None, seq]]
        contacts: dict[str, list[list]] = defaultdict(list)
        for day, seq, op, sub, unit in sorted(ops):
            spans = contacts[unit]
            is_open = bool(spans) and spans[-1][1] is None
            if op == 0 and not is_open:
                spans.append([day, None, seq, sub])
            elif op == 1 and is_open:
                spans[-1][1] = day

        def contact(unit: str, day: date) -> list | None:
            for span in contacts.get(unit, ()):
                if span[0] <= day and (span[1] is None or day <= span[1]):
                    return span
            return None

        # SIP deadlines and checks
        sips: list[SipStep] = []
        for _seq, sid, t in held:
            s = m.by_id[sid]
            deadline = on_time = None
            if s.after is not None and s.within_days is not None:
                before = [d for d in occurrences.get(s.after, ()) if d <= t]
                after = [d for d in occurrences.get(s.after, ()) if d > t]
                if before:
                    deadline = before[-1] + timedelta(days=s.within_days)
                    on_time = t <= deadline
                elif after:
                    deadline = after[0] + timedelta(days=s.within_days)
                    on_time = True
            if deadline:
                marks.append(deadline)
            sips.append(
                SipStep(
                    id=sid,
                    date=t,
                    held=True,
                    at=s.at,
                    called_by=s.called_by,
                    role=s.role,
                    participants=list(s.participants),
                    passes=["sip_plan"],
                    deadline=deadline,
                    on_time=on_time,
                    not_in_contact=[],
                    in_contact_not_invited=[],
                )
            )
        held_ids = {sid for _, sid, _ in held}
        for step in steps:
            for sid in step.sip_points:
                if sid in held_ids:
                    continue
                s = m.by_id[sid]
                deadline = None
                if s.after is not None and s.within_days is not None:
                    base = [d for d in occurrences.get(s.after, ()) if d >= step.date] or occurrences.get(s.after, [])
                    if base:
                        deadline = base[0] + timedelta(days=s.within_days)
                sips.append(
                    SipStep(
                        id=sid,
                        date=None,
                        held=False,
                        at=s.at,
                        called_by=s.called_by,
                        role=s.role,
                        participants=list(s.participants),
                        passes=[],
                        deadline=deadline,
                        on_time=False if deadline else None,
                        not_in_contact=[],
                        in_contact_not_invited=[],
                    )
                )
                held_ids.add(sid)

        # the days of the trace
        start = events[0].date
        for r in m.responsibilities:
            w = r.window
            if w is None:
                continue
            for e in occurrences.get(w.event, ()):
                for offset in (w.start_day, w.end_day):
                    if offset is not None and 0 <= offset <= MAX_WINDOW_LOOKAHEAD:
                        marks.append(cal.add(e, offset, w.days))
        end = case.until or (max(marks) + ONE)
        days_list = []
        d = start
        while d <= end:
            days_list.append(d)
            d += ONE

        # settings through the journey
        placements.sort(key=lambda p: (p[0], p[1]))
        place_days: list[date] = []
        place_settings: list[str | None] = []
        current = None
        for day, _, how, unit in placements:
            current = self.own_setting(bit) if how == "left" else self.unit_setting(unit, bit, current)
            if place_days and place_days[-1] == day:
                place_settings[-1] = current
            else:
                place_days.append(day)
                place_settings.append(current)

        home = self.own_setting(bit)

        def setting_on(day: date) -> str | None:
            i = bisect_right(place_days, day) - 1
            return place_settings[i] if i >= 0 else home

        # responsibilities that can hold for this profile, by owner
        resp_by_owner: dict[str, list] = defaultdict(list)
        for r in m.responsibilities:
            if self.resp_mask[r.id] & bit:
                owner_settings = r.settings or m.by_id[r.owner].settings
                resp_by_owner[r.owner].append((r, frozenset(r.needs), frozenset(owner_settings)))
        vetoes_by_unit: dict[str, list[_Veto]] = defaultdict(list)
        for v in vetoes:
            vetoes_by_unit[v.unit].append(v)
        declared = set(case.needs)
        need_order = [n.id for n in m.needs]
        need_settings = {n.id: set(n.settings) for n in m.needs}
        applies = {n: bool(self.need_mask[n] & bit) for n in need_order}

        def window_holds(r, unit: str, day: date, span: list | None) -> bool:
            w = r.window
            if w is None:
                return True
            occ = occurrences.get(w.event, [])
            if w.start_day is None:
                since = span[0] if span else day
                mine = [e for e in occ if e >= since]
                if not mine:
                    return True
                return w.end_day is None or cal.offset(day, mine[0], w.days) <= w.end_day
            for e in occ:
                off = cal.offset(day, e, w.days)
                if off >= w.start_day and (w.end_day is None or off <= w.end_day):
                    return True
            return False

        def vetoed(unit: str, need: str, day: date, span: list | None) -> bool:
            for v in vetoes_by_unit.get(unit, ()):
                if need in v.needs and v.start <= day and (v.end is None or day <= v.end):
                    if v.lifts_on_return and span is not None and span[0] >= v.start:
                        continue
                    return True
            return False

        fitting = [(f, a) for f, a in self.anchors if a.fits(bit)]
        day_rows: list[Day] = []
        met_units: set[str] = set()
        met: dict[str, list[date]] = defaultdict(list)
        runs: dict[str, list[tuple[date, str, str]]] = defaultdict(list)
        events_by_day: dict[date, list] = defaultdict(list)
        for ev in events:
            events_by_day[ev.date].append(ev)
        sip_by_day: dict[date, list[str]] = defaultdict(list)
        for s in sips:
            if s.held:
                sip_by_day[s.date].append(s.id)
        for day in days_list:
            setting = setting_on(day)
            span_of = {u: sp for u in contacts if (sp := contact(u, day)) is not None}
            engaged = sorted(span_of, key=lambda u: (span_of[u][0], span_of[u][2], span_of[u][3]))
            holder = None
            working_here = [u for u in engaged if setting in m.by_id[u].settings]
            if working_here:
                holder = working_here[-1]
            elif engaged:
                holder = engaged[-1]
            owners: dict[str, list[str]] = {}
            via: dict[str, list[str]] = {}
            in_force: set[str] = set()
            required = [n for n in need_order if applies[n] and (not need_settings[n] or setting in need_settings[n])]
            for n in required:
                units: list[str] = []
                why: list[str] = []
                for u in engaged:
                    if vetoed(u, n, day, span_of[u]):
                        continue
                    for r, needs, settings in resp_by_owner.get(u, ()):
                        if n in needs and setting in settings and window_holds(r, u, day, span_of[u]):
                            if u not in units:
                                units.append(u)
                                why.append(r.id)
                            in_force.add(r.id)
                for x in explicit:
                    if n in x.needs and x.start <= day and (x.end is None or day <= x.end):
                        if x.role == "receiver" and (x.unit not in span_of or vetoed(x.unit, n, day, span_of[x.unit])):
                            continue
                        if x.unit not in units:
                            units.append(x.unit)
                            why.append(x.via)
                if units:
                    owners[n] = units
                    via[n] = why
            on_the_way = {}
            for needs, p_start, p_end, hid in pending:
                if p_start <= day <= p_end:
                    for n in needs:
                        on_the_way.setdefault(n, hid)
            uncovered = [n for n in required if n not in owners and (n in declared or n in on_the_way)]
            for n in uncovered:
                runs[n].append((day, setting, on_the_way.get(n, "declared")))
            under_way = {s.id for s in steps if s.date <= day <= max(s.sender_until, s.receiver_from)}
            todays_sips = sip_by_day.get(day, [])
            todays_events = events_by_day.get(day, [])
            met_units.update(engaged)
            touch = Touch(
                handovers=under_way | set(todays_sips),
                responsibilities=in_force,
                units=set(engaged),
                needs=set(owners) | set(uncovered),
                events={e.event for e in todays_events},
                setting=setting,
                first_day=day == start,
                units_so_far=met_units,
            )
            found = []
            for f, anchor in fitting:
                if touch.meets(anchor):
                    found.append(f.id)
                    met[f.id].append(day)
            for s in sips:
                if s.held and s.date == day:
                    s.not_in_contact = [u for u in s.participants if u not in engaged]
                    s.in_contact_not_invited = [u for u in engaged if u not in s.participants]
            day_rows.append(
                Day(
                    date=day,
                    working_day=is_working_day(day),
                    unit=holder,
                    setting=setting,
                    engaged=engaged,
                    owners=owners,
                    via=via,
                    uncovered=uncovered,
                    events=[{"event": e.event, "at": e.at, "kind": m.kind_of[e.at]} for e in todays_events],
                    handovers=sorted(under_way),
                    sips=todays_sips,
                    findings=found,
                )
            )

        gaps: list[Gap] = []
        for n in need_order:
            run: list = []
            for item in [*runs.get(n, ()), None]:
                if item is not None and run and item[0] == run[-1][0] + ONE and item[2] == run[-1][2]:
                    run.append(item)
                    continue
                if run:
                    gaps.append(
                        Gap(
                            need=n,
                            start=run[0][0],
                            end=run[-1][0],
                            days=len(run),
                            settings=sorted({x[1] for x in run if x[1]}),
                            cause=run[0][2],
                        )
                    )
                run = [item] if item is not None else []
        gaps.sort(key=lambda g: (g.start, need_order.index(g.need)))
        by_id = {f.id: (f, a) for f, a in self.anchors}
        findings = [
            MetFinding(
                id=fid,
                rule=by_id[fid][0].rule,
                name=by_id[fid][0].name,
                severity=by_id[fid][0].severity,
                message=by_id[fid][0].message,
                anchor=by_id[fid][1].kind,
                days=days,
            )
            for fid, days in met.items()
        ]
        rank = {"error": 0, "warning": 1, "info": 2}
        findings.sort(key=lambda f: (rank.get(f.severity, 3), f.rule, f.id))
        trace = Trace(
            case=case.id,
            label={"sv": case.label.sv, "en": case.label.en},
            profile=dict(case.profile),
            model={"id": m.meta.id, "version": m.meta.version, "date": m.meta.date},
            calendar=self.options.calendar,
            start=start,
            end=end,
            days=day_rows,
            handovers=steps,
            sips=sips,
            gaps=gaps,
            findings=findings,
        )
        trace.labels = self._labels(trace)
        return trace

    def _labels(self, trace: Trace) -> dict[str, dict[str, str]]:
        ids: set[str] = set(trace.profile) | set(trace.profile.values())
        for d in trace.days:
            ids.update(d.engaged)
            ids.update(d.owners)
            ids.update(d.uncovered)
            ids.update(d.handovers)
            ids.update(d.sips)
            if d.setting:
                ids.add(d.setting)
            for e in d.events:
                ids.update((e["event"], e["at"]))
        for h in trace.handovers:
            ids.update((h.id, h.from_unit, h.to_unit, *h.needs))
        for s in trace.sips:
            ids.update((s.id, s.called_by, *s.participants))
        labels = {}
        for i in sorted(ids):
            element = self.model.get(i)
            label = getattr(element, "label", None)
            if label is not None:
                labels[i] = {"sv": label.sv, "en": label.en}
        for dim in self.model.dimensions:
            if dim.id in trace.profile:
                for v in dim.values:
                    if v.id == trace.profile[dim.id]:
                        labels[f"{dim.id}={v.id}"] = {"sv": v.label.sv, "en": v.label.en}
        return labels


def trace(
    model: Model, case: Case, findings: list[Finding] | None = None, options: TraceOptions | None = None
) -> Trace:
    """Trace one case through a model (``findings``: the model's gaps; computed when None).

    Example::

        m = load_model("model")
        t = trace(m, load_case("model/cases/utskrivning-fredag.yaml", m))
        [d.uncovered for d in t.days]      # the red days
        t.as_dict()                        # plain data for diagrams and reports
    """
    return Tracer(model, findings, options).trace(case)
