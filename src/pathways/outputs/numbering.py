"""Findings numbered for people, and where each one belongs on the map.

The number of a finding is its position in :func:`pathways.gaps.analyze.find_gaps`
order, counting from 1; the gap overlay, the matrix and the report's gap table all
use it, so "glapp 7" means the same thing everywhere in one report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pathways.gaps.core import Finding
from pathways.gaps.rules import all_rules
from pathways.model.model import Model


@dataclass(frozen=True)
class Numbered:
    number: int
    finding: Finding


def numbered(findings: list[Finding]) -> list[Numbered]:
    """Findings with their numbers, 1, 2, ... in the order given (``find_gaps`` order)."""
    return [Numbered(i, f) for i, f in enumerate(findings, 1)]


def rule_titles() -> dict[str, dict[str, str]]:
    """Rule code -> title per language (the rule's name when it has no title yet)."""
    out = {}
    for r in all_rules():
        out[r.code] = {lang: (r.title.get(lang) or r.name) for lang in ("sv", "en")}
    return out


def rule_explanations() -> dict[str, dict[str, str]]:
    return {r.code: {lang: r.explanation.get(lang, "") for lang in ("sv", "en")} for r in all_rules()}


@dataclass
class Anchors:
    """Where findings are drawn: on units, on handovers (edges), on SIP points, or in a place list."""

    units: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    handovers: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    sips: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    places: dict[tuple, list[int]] = field(default_factory=lambda: defaultdict(list))
    """(rule code, kind, ids) -> numbers: findings with no unit, handover or SIP of their own."""
    severity: dict[int, str] = field(default_factory=dict)
    """Number -> the finding's severity, for a mark of the severity's colour and shape."""


def anchors(model: Model, items: list[Numbered]) -> Anchors:
    """The one place each finding is marked, the most specific it names.

    A handover (the arrow) first; then a SIP point; then a boundary or a setting,
    which have no box on the map and go in the list of places (with the rule's title);
    then the units it names (an overlap is marked on both units); then the owners of
    the responsibilities it names. Whatever is left goes in the list of places too.
    """
    out = Anchors()
    for item in items:
        f = item.finding
        out.severity[item.number] = f.severity
        kinds: dict[str, list[str]] = defaultdict(list)
        for e in f.elements:
            if model.get(e) is not None:
                kinds[model.kind_of.get(e, "")].append(e)
        if kinds["handovers"]:
            out.handovers[kinds["handovers"][0]].append(item.number)
        elif kinds["sip_points"]:
            out.sips[kinds["sip_points"][0]].append(item.number)
        elif kinds["boundaries"]:
            out.places[(f.rule, "boundaries", tuple(kinds["boundaries"]))].append(item.number)
        elif kinds["units"]:
            for u in dict.fromkeys(kinds["units"]):
                out.units[u].append(item.number)
        elif kinds["responsibilities"]:
            for u in dict.fromkeys(model.by_id[r].owner for r in kinds["responsibilities"]):
                out.units[u].append(item.number)
        elif kinds["routes"]:
            out.handovers[model.by_id[kinds["routes"][0]].handovers[0]].append(item.number)
        elif kinds["settings"]:
            out.places[(f.rule, "settings", tuple(sorted(kinds["settings"])))].append(item.number)
        else:
            out.places[(f.rule, "", tuple(f.elements))].append(item.number)
    return out
