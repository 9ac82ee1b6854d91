"""Compare a model before and after scenarios: findings, ownership, elements, patient cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pathways.cases.format import Case
from pathways.cases.load import check_case, read_case
from pathways.gaps.analyze import find_gaps
from pathways.gaps.config import RuleConfig
from pathways.gaps.core import Finding, Options, at_least
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model, same_elements
from pathways.model.schema import COLLECTIONS
from pathways.perf import without_gc
from pathways.scenarios.apply import dump_element
from pathways.scenarios.format import Scenario
from pathways.scenarios.ownership import Indexed, OwnershipChange, ownership_changes

if TYPE_CHECKING:
    from pathways.cases.trace import Trace, Tracer


@dataclass(frozen=True)
class WhatIfOptions:
    """``calendar``: count working days on the calendar; ``config``: which rules run (rules.yaml)."""

    calendar: bool = True
    config: RuleConfig | None = None


@dataclass
class ElementChange:
    id: str
    collection: str
    change: str
    """added, removed or changed"""
    fields: dict[str, dict] = field(default_factory=dict)
    """field -> {before, after} (changed elements only)"""

    def as_dict(self) -> dict:
        return {"id": self.id, "collection": self.collection, "change": self.change, "fields": self.fields}


@dataclass
class CaseChange:
    """A bundled case whose trace differs after the scenarios."""

    case: str
    label: dict[str, str]
    status: str
    """changed, error (the case no longer fits the changed model) or only_after (it fits only the changed model)"""
    uncovered_days_before: int | None
    """None: the case fits only the changed model (status ``only_after``)."""
    uncovered_days_after: int | None
    findings_resolved: list[str]
    findings_new: list[str]
    days_changed: list[str]
    error: str | None = None
    """Why the case does not fit the changed model (status ``error``)."""
    error_before: str | None = None
    """Why the case does not fit today's model (status ``only_after``)."""
    before: Trace | None = field(default=None, repr=False)
    after: Trace | None = field(default=None, repr=False)

    def as_dict(self) -> dict:
        return {
            "case": self.case,
            "label": self.label,
            "status": self.status,
            "uncovered_days_before": self.uncovered_days_before,
            "uncovered_days_after": self.uncovered_days_after,
            "findings_resolved": self.findings_resolved,
            "findings_new": self.findings_new,
            "days_changed": self.days_changed,
            "error": self.error,
            "error_before": self.error_before,
        }


@dataclass
class WhatIf:
    """What the scenarios change: findings resolved/new/unchanged, ownership, elements, cases."""

    scenarios: list[dict]
    resolved: list[Finding]
    new: list[Finding]
    unchanged: list[Finding]
    ownership: list[OwnershipChange]
    elements: list[ElementChange]
    cases: list[CaseChange]
    cases_unchanged: list[str]
    notes: list[str] = field(default_factory=list)

    def new_at_least(self, severity: str) -> list[Finding]:
        return [f for f in self.new if at_least(f.severity, severity)]

    def as_dict(self) -> dict:
        return {
            "scenarios": self.scenarios,
            "summary": {
                "resolved": len(self.resolved),
                "new": len(self.new),
                "unchanged": len(self.unchanged),
                "ownership_changes": len(self.ownership),
                "elements_changed": len(self.elements),
                "cases_changed": len(self.cases),
            },
            "resolved": [f.as_dict() for f in self.resolved],
            "new": [f.as_dict() for f in self.new],
            "unchanged": [f.as_dict() for f in self.unchanged],
            "ownership": [o.as_dict() for o in self.ownership],
            "elements": [e.as_dict() for e in self.elements],
            "cases": [c.as_dict() for c in self.cases],
            "cases_unchanged": self.cases_unchanged,
            "notes": self.notes,
        }


def element_changes(base: Model, changed: Model) -> list[ElementChange]:
    """Elements added, removed or changed (with the fields that differ), in model order."""
    rows = []
    for name in COLLECTIONS:
        before, after = base.collections[name], changed.collections[name]
        if same_elements(before, after):
            continue  # the same elements, in the same order: nothing to say
        old = {getattr(e, "id"): e for e in before}  # noqa: B009 (every element has an id)
        new = {getattr(e, "id"): e for e in after}  # noqa: B009
        for eid, e in new.items():
            if eid not in old:
                rows.append(ElementChange(eid, name, "added"))
            elif e is not old[eid]:
                da, db = dump_element(old[eid]), dump_element(e)
                fields = {k: {"before": da.get(k), "after": db.get(k)} for k in db if da.get(k) != db.get(k)}
                if fields:
                    rows.append(ElementChange(eid, name, "changed", fields))
        for eid in old:
            if eid not in new:
                rows.append(ElementChange(eid, name, "removed"))
    return rows


def _signature(t: Trace) -> list:
    return (
        [
            (
                d.date,
                d.unit,
                d.setting,
                tuple(d.engaged),
                tuple(sorted((k, tuple(v)) for k, v in d.owners.items())),
                tuple(d.uncovered),
                tuple(d.handovers),
                tuple(d.sips),
                tuple(d.findings),
                tuple(d.trace_findings),
            )
            for d in t.days
        ]
        + [h.as_dict() for h in t.handovers]
        + [s.as_dict() for s in t.sips]
    )


def _fill_new_dimensions(case: Case, base: Model, changed: Model) -> Case:
    """A case for the changed model: dimensions the scenarios add take their first value."""
    old = {d.id for d in base.dimensions}
    extra = {d.id: d.values[0].id for d in changed.dimensions if d.id not in old and d.id not in case.profile}
    if not extra:
        return case
    return case.model_copy(update={"profile": {**case.profile, **extra}}).with_origin(case.origin, case._event_index)


def cases_for_whatif(paths: list[Path], base: Model, changed: Model) -> tuple[list[Case], list[Problem]]:
    """The case files that fit the base model or the changed one; the problems of those that fit neither."""
    cases, problems = [], []
    for path in paths:
        try:
            case = read_case(path)
        except ModelError as exc:
            problems += exc.problems
            continue
        before = check_case(base, case)
        if before and check_case(changed, _fill_new_dimensions(case, base, changed)):
            problems += before
            continue
        cases.append(case)
    return cases, problems


def _row(
    case: Case,
    status: str,
    tb: Trace | None,
    ta: Trace | None,
    error: str | None = None,
    error_before: str | None = None,
) -> CaseChange:
    fb = {f.id for f in tb.findings} if tb else set()
    fa = {f.id for f in ta.findings} if ta else set()
    return CaseChange(
        case=case.id,
        label={"sv": case.label.sv, "en": case.label.en},
        status=status,
        uncovered_days_before=tb.uncovered_days if tb else None,
        uncovered_days_after=ta.uncovered_days if ta else None,
        findings_resolved=sorted(fb - fa),
        findings_new=sorted(fa - fb),
        days_changed=_days_changed(tb, ta) if tb and ta else [],
        error=error,
        error_before=error_before,
        before=tb,
        after=ta,
    )


def _days_changed(tb: Trace, ta: Trace) -> list[str]:
    days_a = {d.date: d for d in ta.days}
    changed = []
    for d in tb.days:
        o = days_a.get(d.date)
        if o is None or (d.owners, d.uncovered, d.unit, d.setting, d.findings, d.trace_findings) != (
            o.owners,
            o.uncovered,
            o.unit,
            o.setting,
            o.findings,
            o.trace_findings,
        ):
            changed.append(d.date.isoformat())
    before_days = {x.date for x in tb.days}
    return changed + [d.date.isoformat() for d in ta.days if d.date not in before_days]


def case_changes(before: Tracer, after: Tracer, cases: list[Case]) -> tuple[list[CaseChange], list[str]]:
    """Each case that fits either model: how its trace changes (``error``: fits only before; ``only_after``: only after)."""
    changed, same = [], []
    for case in cases:
        moved = _fill_new_dimensions(case, before.model, after.model)
        problems_before = check_case(before.model, case)
        problems_after = check_case(after.model, moved)
        tb = before.trace(case, check=False) if not problems_before else None
        ta = after.trace(moved, check=False) if not problems_after else None
        if tb is None and ta is None:
            continue
        if ta is None:
            changed.append(_row(case, "error", tb, None, "; ".join(str(p) for p in problems_after)))
        elif tb is None:
            changed.append(_row(case, "only_after", None, ta, error_before="; ".join(str(p) for p in problems_before)))
        elif _signature(tb) == _signature(ta):
            same.append(case.id)
        else:
            changed.append(_row(case, "changed", tb, ta))
    return changed, same


def _case_rows(
    base: Model, changed: Model, findings: tuple[list[Finding], list[Finding]], cases: list[Case], calendar: bool
) -> tuple[list[CaseChange], list[str]]:
    """:func:`case_changes` with a tracer of each model (the tracer imported only when there are cases)."""
    from pathways.cases.trace import TraceOptions, Tracer

    options = TraceOptions(calendar=calendar)
    return case_changes(Tracer(base, findings[0], options), Tracer(changed, findings[1], options), cases)


@without_gc
def compare(
    base: Model,
    changed: Model,
    cases: list[Case],
    options: WhatIfOptions | None = None,
    scenarios: Sequence[Scenario] = (),
    findings: tuple[list[Finding], list[Finding]] | None = None,
    indexed: Indexed | None = None,
) -> WhatIf:
    """What changes between ``base`` and ``changed`` (usually ``apply_scenarios(base, ...)``).

    ``findings``, if given, are the findings of ``base`` and of ``changed`` already found
    with the same options (the pipeline finds them once); otherwise they are found here.
    ``indexed``, if given, holds the two models' gap-rule contexts (``Indexed.of``), the
    ones the findings were found in; otherwise they are made here."""
    options = options or WhatIfOptions()
    gap_options = Options(calendar=options.calendar)
    indexed = indexed or Indexed.of(base, changed, gap_options)
    if findings is None:
        findings = (
            find_gaps(base, options.config, gap_options, context=indexed.before),
            find_gaps(changed, options.config, gap_options, context=indexed.after),
        )
    fb, fa = findings
    ids_b, ids_a = {f.id for f in fb}, {f.id for f in fa}
    case_rows, same = _case_rows(base, changed, (fb, fa), cases, options.calendar) if cases else ([], [])
    ownership, notes = ownership_changes(base, changed, indexed)
    added = [d.id for d in changed.dimensions if d.id not in {x.id for x in base.dimensions}]
    if added:
        notes.append(
            f"new profile dimensions {', '.join(added)}: the cases take their first value / "
            f"nya profildimensioner: fallen får deras första värde"
        )
    return WhatIf(
        scenarios=[
            {"id": s.id, "label": s.label, "file": s.file, "source": s.source, "status": s.status} for s in scenarios
        ],
        resolved=[f for f in fb if f.id not in ids_a],
        new=[f for f in fa if f.id not in ids_b],
        unchanged=[f for f in fa if f.id in ids_b],
        ownership=ownership,
        elements=element_changes(base, changed),
        cases=case_rows,
        cases_unchanged=same,
        notes=notes,
    )
