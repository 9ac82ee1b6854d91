"""``pathways explain`` for a finding id or a grey zone: what it is, where, and what would resolve it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pathways.analysis.locations import element_location
from pathways.gaps.core import Finding, Rule
from pathways.model.model import Model

FINDING_ID = re.compile(r"^PW\d{3}-[0-9a-f]{10}$")
FIX_MARKERS = {"sv": ("Åtgärd",), "en": ("Fix",)}


def is_finding_id(text: str) -> bool:
    return bool(FINDING_ID.match(text))


def fix_text(rule: Rule, lang: str) -> str:
    """The part of a rule's explanation that says how to fix it in the agreement (or all of it)."""
    text = rule.explanation[lang]
    starts = [text.find(m) for m in FIX_MARKERS[lang] if m in text]
    return text[min(starts) :] if starts else text


@dataclass
class Place:
    id: str
    kind: str
    label: str
    where: str


def places(model: Model, element_ids, lang: str) -> list[Place]:
    out = []
    for eid in element_ids:
        element = model.get(eid)
        label = getattr(getattr(element, "label", None), lang, eid) if element is not None else eid
        out.append(Place(eid, model.kind_of.get(eid, ""), label, element_location(model, eid)))
    return out


@dataclass
class FindingExplanation:
    finding: Finding
    rule: Rule
    elements: list[Place]
    fix: str


def explain_finding(model: Model, findings: list[Finding], rules: list[Rule], fid: str, lang: str):
    """The finding with id ``fid`` among ``findings``, or None."""
    finding = next((f for f in findings if f.id == fid), None)
    if finding is None:
        return None
    rule = next(r for r in rules if r.code == finding.rule)
    return FindingExplanation(finding, rule, places(model, finding.elements, lang), fix_text(rule, lang))


@dataclass
class GreyZoneExplanation:
    id: str
    number: int
    label: str
    source: str
    where: str
    elements: list[Place]
    findings: list[Finding]


def explain_grey_zone(model: Model, findings: list[Finding], ref: str, lang: str):
    """The grey zone with id ``ref`` (gz1) or number (1): its elements and the findings that touch it; or None."""
    zone = next((g for g in model.grey_zones if ref in (g.id, str(g.number))), None)
    if zone is None:
        return None
    tagged = [e.id for _, e in model.elements() if zone.id in (getattr(e, "grey_zones", None) or ())]
    source = f"{zone.source.doc}{', ' + zone.source.section if zone.source.section else ''}"
    return GreyZoneExplanation(
        zone.id,
        zone.number,
        getattr(zone.label, lang),
        source,
        element_location(model, zone.id),
        places(model, tagged, lang),
        [f for f in findings if zone.number in f.grey_zones],
    )
