"""The tracer: a case (or any journey) through one model, in small steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pathways.cases.format import Case
from pathways.cases.load import check_case
from pathways.cases.trace.checks import (
    handover_findings,
    left_findings,
    route_deadlines,
    route_findings,
    routes_taken,
    sip_findings,
    sip_steps,
)
from pathways.cases.trace.context import TraceContext
from pathways.cases.trace.days import Walk, day_row
from pathways.cases.trace.journey import ONE, Facts, read_journey
from pathways.cases.trace.result import Day, Gap, MetFinding, SipStep, Trace, TraceFinding
from pathways.gaps.core import Finding
from pathways.model.errors import ModelError
from pathways.model.model import Model

MAX_WINDOW_LOOKAHEAD = 31
"""A trace runs at most this many days past the last event to show a time window open or close."""

_RANK = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class TraceOptions:
    """``calendar``: count working days on the real calendar (weekends, Swedish holidays)."""

    calendar: bool = True


class Tracer:
    """Traces journeys through one model; what depends only on the model is computed once.

    ``findings`` are the model's gap findings (computed once by the caller, for example
    with :func:`pathways.gaps.analyze.find_gaps`); the tracer never computes them.
    """

    def __init__(self, model: Model, findings: list[Finding] | None = None, options: TraceOptions | None = None):
        self.model = model
        self.options = options or TraceOptions()
        self.findings = list(findings or [])
        """None: trace without the gap rules' findings (no finding is met)."""
        self.ctx = TraceContext(model, self.findings, self.options.calendar)

    def trace(self, case: Case, check: bool = True) -> Trace:
        """Trace one case; ModelError when ``check`` and the case does not fit the model."""
        if check:
            problems = check_case(self.model, case)
            if problems:
                raise ModelError(problems)
        facts = read_journey(self.ctx, case)
        sips = sip_steps(self.ctx, facts)
        start, end = case.events[0].date, self._end(case, facts, sips)
        rows, walk = self._walk(case, facts, start, end)
        gaps = self._gaps(walk)
        by_day = {r.date: r for r in rows}
        self._sip_contacts(sips, by_day)
        first = {sid: d for p in facts.passages for sid in p.step.sip_points for d in [p.step.date]}
        own = [
            *handover_findings(self.ctx, facts, by_day, gaps),
            *left_findings(self.ctx, facts, gaps),
            *route_findings(self.ctx, facts, end),
            *sip_findings(self.ctx, sips, first, end),
        ]
        self._mark(own, by_day)
        result = Trace(
            case=case.id,
            label={"sv": case.label.sv, "en": case.label.en},
            profile={d: "+".join(v) for d, v in facts.profiles.values[0].items()},
            model={"id": self.model.meta.id, "version": self.model.meta.version, "date": self.model.meta.date},
            calendar=self.options.calendar,
            start=start,
            end=end,
            days=rows,
            handovers=[p.step for p in facts.passages],
            sips=sips,
            gaps=gaps,
            findings=self._met(walk),
            trace_findings=own,
            routes=list(routes_taken(facts)),
        )
        result.labels = self._labels(result, facts)
        return result

    def _end(self, case: Case, facts: Facts, sips: list[SipStep]) -> date:
        """The last day: ``until``, else a day after the last event, deadline or window edge."""
        if case.until:
            return case.until
        marks = list(facts.marks)
        marks += [s.deadline for s in sips if s.deadline]
        marks += [deadline for _, _, _, deadline in route_deadlines(self.ctx, facts)]
        cal = self.ctx.counter
        for r in self.model.responsibilities:
            w = r.window
            for e in facts.occurrences.get(w.event, ()) if w else ():
                for offset in (w.start_day, w.end_day):
                    if offset is not None and 0 <= offset <= MAX_WINDOW_LOOKAHEAD:
                        marks.append(cal.add(e, offset, w.days))
        return max(marks) + ONE

    def _walk(self, case: Case, facts: Facts, start: date, end: date) -> tuple[list[Day], Walk]:
        walk = Walk()
        rows = []
        day = start
        while day <= end:
            rows.append(day_row(self.ctx, facts, case, walk, day, start))
            day += ONE
        return rows, walk

    def _gaps(self, walk: Walk) -> list[Gap]:
        """Runs of consecutive uncovered days of a need with the same cause."""
        gaps: list[Gap] = []
        for n, items in walk.runs.items():
            run: list = []
            for item in [*items, None]:
                if item is not None and run and item[0] == run[-1][0] + ONE and item[2] == run[-1][2]:
                    run.append(item)
                    continue
                if run:
                    settings = sorted({x[1] for x in run if x[1]})
                    gaps.append(Gap(n, run[0][0], run[-1][0], len(run), settings, run[0][2]))
                run = [item] if item is not None else []
        gaps.sort(key=lambda g: (g.start, self.ctx.need_rank[g.need]))
        return gaps

    @staticmethod
    def _sip_contacts(sips: list[SipStep], by_day: dict[date, Day]) -> None:
        for s in sips:
            row = by_day.get(s.date) if s.date else None
            if row is not None:
                s.not_in_contact = [u for u in s.participants if u not in row.engaged]
                s.in_contact_not_invited = [u for u in row.engaged if u not in s.participants]

    @staticmethod
    def _mark(found: list[TraceFinding], by_day: dict[date, Day]) -> None:
        for f in found:
            for d in f.days:
                if d in by_day:
                    by_day[d].trace_findings.append(f.id)

    def _met(self, walk: Walk) -> list[MetFinding]:
        by_id = {f.id: (f, a) for f, a in self.ctx.anchors}
        met = [
            MetFinding(f.id, f.rule, f.name, f.severity, f.message, a.kind, days)
            for fid, days in walk.met.items()
            for f, a in [by_id[fid]]
        ]
        met.sort(key=lambda f: (_RANK.get(f.severity, 3), f.rule, f.id))
        return met

    def _labels(self, result: Trace, facts: Facts) -> dict[str, dict[str, str]]:
        ids: set[str] = set(result.profile) | set(result.routes)
        for d in result.days:
            ids.update(d.engaged, d.owners, d.uncovered, d.handovers, d.sips)
            ids.update(v for vs in d.profile.values() for v in vs)
            if d.setting:
                ids.add(d.setting)
            for e in d.events:
                ids.update((e["event"], e["at"]))
        for h in result.handovers:
            ids.update((h.id, h.from_unit, h.to_unit, *h.needs))
        for s in result.sips:
            ids.update((s.id, s.called_by, *s.participants))
        labels = {}
        for i in sorted(ids):
            label = getattr(self.model.get(i), "label", None)
            if label is not None:
                labels[i] = {"sv": label.sv, "en": label.en}
        values = {(dim.id, v.id): v.label for dim in self.model.dimensions for v in dim.values}
        for profile in facts.profiles.values:
            for dim, vs in profile.items():
                parts = [values.get((dim, v)) for v in vs]
                labels[f"{dim}={'+'.join(vs)}"] = {
                    lang: " + ".join(getattr(p, lang) if p else v for p, v in zip(parts, vs, strict=True))
                    for lang in ("sv", "en")
                }
        return labels
