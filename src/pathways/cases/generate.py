"""Cases from findings: for each finding, the shortest patient journey that meets it.

The journey is built from what the finding touches (see :mod:`pathways.cases.match`):

- a handover: the patient enters the care system at an entry unit, travels the shortest
  chain of handovers (that apply to the profile) to the handover's sender, and the
  handover happens; a SIP point adds a SIP held on the handover's day;
- a responsibility: the shortest journey to its owner, plus the event its time window
  counts from (when the window starts after the event);
- a unit: the shortest journey to the unit (or straight to it when no handover leads there);
- a need: one day at a unit in the finding's setting that does not own the need, the
  need listed in the case's ``needs``;
- an event: the event at an entry unit.

The profile is the first profile (the first value of each free dimension) inside the
finding's cube that the journey's handovers, responsibility or setting allow. Every
candidate journey is traced and the first one that meets the finding is kept, so a
generated case is a checked story, not a guess.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import yaml

from pathways.cases.format import Case
from pathways.cases.trace import Trace, TraceOptions, Tracer
from pathways.cases.trace.journey import SIP_HELD
from pathways.gaps.core import Finding
from pathways.model.errors import ModelError
from pathways.model.model import Model, Origin
from pathways.model.schema import Handover

Plan = tuple[int, list[tuple], list[str]]
"""A way to meet a finding: (profile bit, steps, declared needs)."""

ONE = timedelta(days=1)


def first_monday_of_february(year: int) -> date:
    day = date(year, 2, 1)
    while day.weekday() != 0:
        day += ONE
    return day


@dataclass
class Generated:
    finding: Finding
    case: Case
    trace: Trace
    met: bool


class _Planner:
    def __init__(self, model: Model, tracer: Tracer):
        self.m = model
        self.t = tracer.ctx
        self.space = tracer.ctx.space
        self.triggers = {h.trigger for h in model.handovers}
        self.plain = [
            e for e in model.events if e.id not in self.triggers and e.id not in tracer.ctx.closing and not e.requires
        ]
        self.start_event = None
        """Placeholder: the first event is chosen for the unit it happens at (:meth:`start_at`)."""
        held = [e.id for e in model.events if e.id == SIP_HELD]
        sip_like = [e.id for e in model.events if "sip" in e.label.en.lower()]
        self.sip_event = (held or sip_like or [model.events[0].id])[0]
        self.entries = [u.id for u in model.units if u.entry] or [u.id for u in model.units]

    def start_at(self, unit: str) -> str:
        """An event that may start a journey at ``unit`` (its place and unit kind allowed, nothing before it)."""
        kind = self.m.by_id[unit].kind
        for e in self.plain:
            if (not e.at or "units" in e.at) and (not e.unit_kinds or kind in e.unit_kinds):
                return e.id
        return (self.plain or self.m.events)[0].id

    @staticmethod
    def lowest(mask: int) -> int:
        return mask & -mask

    def path_to(self, unit: str, bit: int) -> list[Handover] | None:
        """Handovers from an entry unit to ``unit`` that apply to the profile (shortest)."""
        if unit in self.entries:
            return []
        return self._shortest(list(self.entries), unit, bit)

    def path_between(self, start: str, unit: str, bit: int) -> list[Handover] | None:
        """Handovers from ``start`` to ``unit`` that apply to the profile (shortest), or None."""
        return self._shortest([start], unit, bit)

    def _shortest(self, starts: list[str], unit: str, bit: int) -> list[Handover] | None:
        """The fewest handovers from one of ``starts`` to ``unit`` for the profile (breadth first)."""
        seen: dict[str, Handover | None] = dict.fromkeys(starts)
        queue = deque(starts)
        while queue:
            here = queue.popleft()
            for h in self.m.handovers:
                if h.from_ != here or h.to in seen or not (self.space.mask(h.profile) & bit):
                    continue
                seen[h.to] = h
                if h.to == unit:
                    path: list[Handover] = []
                    step = seen[unit]
                    while step is not None:
                        path.append(step)
                        step = seen[step.from_]
                    return list(reversed(path))
                queue.append(h.to)
        return None

    def journey_to(self, unit: str, bit: int) -> list[tuple]:
        path = self.path_to(unit, bit)
        if path is None:
            return [("unit", unit, self.start_event, None)]
        first = path[0].from_ if path else unit
        return [("unit", first, self.start_event, None), *(("handover", h) for h in path)]

    def plans(self, finding: Finding, anchor) -> list[Plan]:
        """Candidate (profile bit, steps, declared needs), most direct first."""
        m, space = self.m, self.space
        cubes = [space.mask(c) for c in finding.profiles] or [space.full]
        order = {e.id: i for i, (_, e) in enumerate(m.elements())}
        ids = sorted(anchor.ids, key=lambda i: order.get(i, 0))
        kind = "units_between" if anchor.kind == "units" and anchor.min_units > 1 else anchor.kind
        plans: dict[str, Callable[[int, list[str]], list[Plan]]] = {
            "handovers": self._at_handovers,
            "responsibilities": self._at_responsibilities,
            "units_between": self._between_units,
            "units": self._at_units,
            "needs": partial(self._at_needs, only=anchor.settings),
            "events": self._at_events,
            "settings": self._at_settings,
        }
        plan = plans.get(kind)
        out: list[Plan] = []
        for cube in cubes:
            if plan is None:
                out.append((self._pick(cube), [("unit", self.entries[0], self.start_event, None)], []))
            else:
                out.extend(plan(cube, ids))
        return out

    def _pick(self, cube: int, *masks: int) -> int:
        both = cube
        for x in masks:
            both &= x
        return self.lowest(both) or self.lowest(cube)

    def _where(self, settings: list[str]) -> int:
        where = 0
        for s in settings:
            where |= self.t.setting_mask.get(s, 0)
        return where

    def _at_handovers(self, cube: int, ids: list[str]) -> list[Plan]:
        m, space = self.m, self.space
        out: list[Plan] = []
        for i in ids:
            e = m.by_id[i]
            if m.kind_of[i] == "handovers":
                bit = self._pick(cube, space.mask(e.profile))
                out.append((bit, [*self.journey_to(e.from_, bit), ("handover", e)], []))
                continue
            at = m.by_id[e.at]  # a SIP point
            if m.kind_of[e.at] == "handovers":
                bit = self._pick(cube, space.mask(e.profile), space.mask(at.profile))
                steps = [*self.journey_to(at.from_, bit), ("handover", at), ("sip", e)]
            else:
                bit = self._pick(cube, space.mask(e.profile))
                steps = [*self.journey_to(at.id, bit), ("sip", e)]
            out.append((bit, steps, []))
        return out

    def _at_responsibilities(self, cube: int, ids: list[str]) -> list[Plan]:
        m, space = self.m, self.space
        out: list[Plan] = []
        for i in ids:
            r = m.by_id[i]
            bit = self._pick(cube, space.mask(r.profile), self._where(r.settings or m.by_id[r.owner].settings))
            w = r.window
            if w is not None and w.start_day is not None:
                for h in m.handovers:
                    if h.trigger == w.event and h.to == r.owner and space.mask(h.profile) & bit:
                        out.append((bit, [*self.journey_to(h.from_, bit), ("handover", h)], []))
                out.append((bit, [*self.journey_to(r.owner, bit), ("unit", r.owner, w.event, False)], []))
            else:
                out.append((bit, self.journey_to(r.owner, bit), []))
        return out

    def _between_units(self, cube: int, ids: list[str]) -> list[Plan]:
        out: list[Plan] = []
        for a in ids:
            for b in ids:
                if a == b:
                    continue
                bit = self._pick(cube)
                between = self.path_between(a, b, bit)
                steps = self.journey_to(a, bit)
                if between is not None:
                    steps += [("handover", h) for h in between]
                else:
                    steps += self.journey_to(b, bit)
                out.append((bit, steps, []))
        return out

    def _at_units(self, cube: int, ids: list[str]) -> list[Plan]:
        out: list[Plan] = []
        for i in ids:
            bit = self._pick(cube, self._where(self.m.by_id[i].settings))
            out.append((bit, self.journey_to(i, bit), []))
        return out

    def _at_needs(self, cube: int, ids: list[str], only: frozenset[str]) -> list[Plan]:
        out: list[Plan] = []
        settings = [s.id for s in self.m.settings if not only or s.id in only]
        for n in ids:
            for s in settings:
                bit = self._pick(cube, self.t.need_mask[n], self.t.setting_mask[s])
                units = [u for u in self.m.units if self.t.unit_setting(u.id, bit, None) == s]
                units.sort(key=partial(self._owns_unit, need=n, setting=s, bit=bit))
                out.extend((bit, [("unit", u.id, self.start_event, False)], [n]) for u in units[:2])
        return out

    def _at_events(self, cube: int, ids: list[str]) -> list[Plan]:
        bit, entry = self._pick(cube), self.entries[0]
        return [(bit, [("unit", entry, self.start_event, False), ("unit", entry, e, False)], []) for e in ids]

    def _at_settings(self, cube: int, ids: list[str]) -> list[Plan]:
        out: list[Plan] = []
        for s in ids:
            bit = self._pick(cube, self.t.setting_mask[s])
            for u in self.m.units:
                if self.t.unit_setting(u.id, bit, None) == s:
                    out.append((bit, self.journey_to(u.id, bit), []))
                    break
        return out

    def _owns_unit(self, unit, *, need: str, setting: str, bit: int) -> bool:
        return self._owns(unit.id, need, setting, bit)

    def _owns(self, unit: str, need: str, setting: str, bit: int) -> bool:
        for r in self.m.responsibilities:
            owns = r.owner == unit and need in r.needs and self.space.mask(r.profile) & bit
            if owns and setting in (r.settings or self.m.by_id[unit].settings):
                return True
        return False

    def case(self, finding: Finding, bit: int, steps: list[tuple], needs: list[str], start: date) -> Case:
        profile = self.space.profile(bit.bit_length() - 1)
        events: list[dict] = []
        day = start
        last_handover_ready = start
        for index, step in enumerate(steps):
            if step[0] == "unit":
                _, unit, event, ends = step
                item = {"date": day.isoformat(), "event": event or self.start_at(unit), "at": unit}
                if ends is not None:
                    item["ends"] = ends
                events.append(item)
            elif step[0] == "handover":
                h = step[1]
                if index > 0:
                    day = max(day + ONE, last_handover_ready)
                events.append({"date": day.isoformat(), "event": h.trigger, "at": h.id})
                last_handover_ready = self.t.counter.add(day, h.receiver_from, h.days)
            else:
                events.append({"date": day.isoformat(), "event": self.sip_event, "at": step[1].id})
        fid = finding.id.lower()
        data = {
            "id": f"gen-{fid}",
            "label": {
                "sv": f"Genererat fall för {finding.id} ({finding.name})",
                "en": f"Generated case for {finding.id} ({finding.name})",
            },
            "profile": profile,
            "note": (
                f"Kortaste resa som möter fyndet {finding.id}: {finding.message.get('sv', '')} / "
                f"Shortest journey that meets the finding: {finding.message.get('en', '')}"
            )[:4000],
            "events": events,
        }
        if needs:
            data["needs"] = needs
        grey = [g.id for g in self.m.grey_zones if g.number in finding.grey_zones]
        if grey:
            data["grey_zones"] = grey
        return Case.model_validate(data).with_origin(Origin(f"<generated {finding.id}>", None))


def generate_cases(
    model: Model, findings: list[Finding] | None = None, options: TraceOptions | None = None, start: date | None = None
) -> list[Generated]:
    """For each finding, the shortest case that meets it (checked by tracing it)."""
    tracer = Tracer(model, findings, options)
    planner = _Planner(model, tracer)
    start = start or first_monday_of_february(2026)
    anchors = {f.id: a for f, a in tracer.ctx.anchors}
    result = []
    for finding in tracer.findings:
        best = None
        for bit, steps, needs in planner.plans(finding, anchors[finding.id]):
            case = planner.case(finding, bit, steps, needs, start)
            try:
                t = tracer.trace(case)
            except ModelError:  # a candidate that does not fit the model: try the next one
                continue
            if t.meets(finding.id):
                best = Generated(finding, case, t, True)
                break
            if best is None:
                best = Generated(finding, case, t, False)
        if best is not None:
            result.append(best)
    return result


def case_yaml(case: Case) -> str:
    """A case as the text of a case file."""
    data = case.as_dict()
    head = "# Genererat av `pathways cases generate`: fiktiv patient. / Generated: a fictional patient.\n"
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200, default_flow_style=None)
    return head + body


def write_cases(generated: list[Generated], out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for g in generated:
        path = out / f"{g.case.id}.yaml"
        path.write_text(case_yaml(g.case), encoding="utf-8")
        paths.append(path)
    return paths
