"""What changed between two versions of the model: elements, findings, ownership, cases.

The comparison itself is the what-if comparison (:func:`pathways.scenarios.whatif.compare`);
this adds what a revision needs on top: where each change stands in the files, and the
findings that stay (same id) but changed what they say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pathways.analysis.locations import locations
from pathways.cases.format import Case
from pathways.gaps.analyze import find_gaps
from pathways.gaps.core import Finding, Options, at_least
from pathways.model.model import Model
from pathways.revision.sources import Side
from pathways.scenarios.whatif import WhatIf, WhatIfOptions, compare

FINDING_FIELDS = ("severity", "message", "elements", "profiles", "grey_zones", "data")
"""What of a finding with the same id may change between versions."""


@dataclass
class FindingChange:
    """A finding in both versions (same id) that says something else in NEW."""

    before: Finding
    after: Finding
    fields: dict[str, dict]
    """field -> {before, after}"""

    def as_dict(self) -> dict:
        return {"id": self.after.id, "rule": self.after.rule, "severity": self.after.severity, "fields": self.fields}


@dataclass
class Diff:
    """A comparison of OLD and NEW; ``where`` maps element ids to ``file:line`` (NEW, or OLD if removed)."""

    old: str
    new: str
    result: WhatIf
    changed_findings: list[FindingChange]
    where: dict[str, str] = field(default_factory=dict)
    field_where: dict[tuple[str, str], str] = field(default_factory=dict)
    finding_where: dict[str, dict[str, str]] = field(default_factory=dict)
    """finding id -> element -> ``file:line`` (NEW; OLD for resolved findings)"""
    models: tuple[Model, ...] = field(default=(), repr=False)
    """NEW and OLD, for labels."""

    def failing(self, severity: str) -> list[Finding]:
        """New findings, and changed ones whose severity rose, at ``severity`` or above."""
        rose = [c.after for c in self.changed_findings if "severity" in c.fields]
        return [f for f in self.result.new + rose if at_least(f.severity, severity)]

    def as_dict(self) -> dict:
        doc = self.result.as_dict()
        doc.pop("scenarios")
        doc.pop("unchanged")
        doc["summary"]["changed"] = len(self.changed_findings)
        doc["summary"]["unchanged"] -= len(self.changed_findings)
        for key in ("resolved", "new"):
            for f in doc[key]:
                f["where"] = self.finding_where.get(f["id"], {})
        for e in doc["elements"]:
            e["where"] = self.where.get(e["id"], "")
            e["fields_where"] = {k: self.field_where.get((e["id"], k), "") for k in e["fields"]}
        return {
            "versions": {"old": self.old, "new": self.new},
            **doc,
            "changed": [c.as_dict() for c in self.changed_findings],
        }


def _finding_value(f: Finding, name: str):
    value = getattr(f, name)
    return list(value) if isinstance(value, tuple) else value


def finding_changes(before: list[Finding], after: list[Finding]) -> list[FindingChange]:
    """Findings with the same id in both lists whose severity, text, elements, profiles or data differ."""
    old = {f.id: f for f in before}
    rows = []
    for f in after:
        b = old.get(f.id)
        if b is None:
            continue
        fields = {
            name: {"before": _finding_value(b, name), "after": _finding_value(f, name)}
            for name in FINDING_FIELDS
            if _finding_value(b, name) != _finding_value(f, name)
        }
        if fields:
            rows.append(FindingChange(b, f, fields))
    return rows


def _locate(model: Model, side: Side, element_id: str, *path: str) -> str:
    origin = model.origin(element_id)
    line, _ = origin.where(*path)
    return f"{side.display(origin.file)}:{line}"


def diff_models(
    old: Model,
    new: Model,
    cases: list[Case],
    sides: tuple[Side, Side],
    options: WhatIfOptions | None = None,
) -> Diff:
    """Compare two loaded models; ``cases`` are the bundled cases, read against ``old``."""
    options = options or WhatIfOptions()
    result = compare(old, new, cases, options)
    gap_options = Options(calendar=options.calendar)
    changed = finding_changes(find_gaps(old, options.config, gap_options), result.unchanged)
    where, field_where = {}, {}
    for e in result.elements:
        model, side = (old, sides[0]) if e.change == "removed" else (new, sides[1])
        where[e.id] = _locate(model, side, e.id)
        for name in e.fields:
            field_where[(e.id, name)] = _locate(model, side, e.id, name)
    places = {
        fid: {e: sides[0].display(at) for e, at in w.items()} for fid, w in locations(old, result.resolved).items()
    }
    found = result.new + [c.after for c in changed]
    places |= {fid: {e: sides[1].display(at) for e, at in w.items()} for fid, w in locations(new, found).items()}
    return Diff(sides[0].shown, sides[1].shown, result, changed, where, field_where, places, (new, old))
