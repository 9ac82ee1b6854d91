"""The management summary: findings grouped by cause and ordered by what matters most.

A *cause* is the one place in the agreement a change would fix: for needs without an
owner (PW101) the setting where nobody owns them, otherwise the handover, SIP point,
boundary, route or responsibility the finding names first. Findings on an element whose
note starts with "Öppen fråga" / "Open question" are open questions, not gaps: the model
does not yet know what the element means. Causes are ordered by severity, then by the
days without owner in the patient cases that meet them, then by how many findings they
hold.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from pathways.gaps.core import SEVERITIES, Finding
from pathways.model.model import Model
from pathways.outputs.numbering import Numbered, rule_explanations, rule_titles
from pathways.pipeline import Analysis
from pathways.texts import t

OPEN_QUESTION = re.compile(r"^\s*(öppen fråga|open question)\b", re.IGNORECASE)
CAUSE_KINDS = ("handovers", "sip_points", "boundaries", "routes", "responsibilities", "cost_rules", "units")
FIX = re.compile(r"(?:Åtgärd(?: i överenskommelsen)?|Fix(?: in the agreement)?):\s*(.+)$", re.DOTALL)


@dataclass
class Cause:
    key: tuple
    severity: str
    what: str
    detail: str
    """What the cause holds, in a few words (the needs, for needs without owner)."""
    where: str
    groups: list[str]
    changes: list[str]
    """What to change in the agreement, one text per kind of gap, most severe first."""
    problems: list[str]
    numbers: list[int] = field(default_factory=list)
    days: int = 0
    cases: int = 0
    open_question: bool = False


def fix_text(explanation: str) -> str:
    """The "what to change" part of a rule's explanation (the whole text when it has none)."""
    m = FIX.search(explanation)
    text = (m.group(1) if m else explanation).strip()
    return text[:1].upper() + text[1:] if text else text


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when it is one sentence), never cut mid-sentence.

    >>> first_sentence("Ange vem som tar över, t.ex. kommunen. Följ upp efter 3 mån.")
    'Ange vem som tar över, t.ex. kommunen.'
    """
    return SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def describe(model: Model, cube: dict[str, list[str]], lang: str) -> str:
    """A patient group in words. A dimension the agreement draws a boundary on (age,
    diagnosis group) is always named, an open one as "alla åldrar"; other open
    dimensions are left out."""
    if not cube:
        return t(lang, "all_patients")
    bounded = {b.dimension for b in model.boundaries}
    parts = []
    for d in model.dimensions:
        if d.id in cube:
            names = {v.id: getattr(v.label, lang) for v in d.values}
            parts.append((" eller " if lang == "sv" else " or ").join(names.get(v, v) for v in cube[d.id]))
        elif d.id in bounded:
            key = f"open_{d.id}"
            try:
                parts.append(t(lang, key))
            except KeyError:
                parts.append(t(lang, "open_dim", label=getattr(d.label, lang).lower()))
    return ", ".join(parts)


def _label(model: Model, element_id: str, lang: str) -> str:
    e = model.get(element_id)
    lab = getattr(e, "label", None)
    return getattr(lab, lang) if lab is not None else element_id


def is_open_question(model: Model, f: Finding) -> bool:
    return any(OPEN_QUESTION.match(getattr(model.get(e), "note", None) or "") for e in f.elements[:1])


def cause_key(model: Model, f: Finding) -> tuple:
    if is_open_question(model, f):
        return ("open", f.elements[0])
    if f.rule == "PW101":
        return ("PW101", f.elements[1] if len(f.elements) > 1 else "")
    for kind in CAUSE_KINDS:
        for e in f.elements:
            if model.kind_of.get(e) == kind:
                return ("element", e)
    return ("element", f.elements[0] if f.elements else f.rule)


def _case_days(analysis: Analysis, ids: set[str]) -> tuple[int, int]:
    meeting = [tr for tr in analysis.traces if ids & {f.id for f in tr.findings}]
    return sum(tr.uncovered_days for tr in meeting), len(meeting)


def _cause(model: Model, key: tuple, items: list[Numbered], lang: str, analysis: Analysis) -> Cause:
    titles, explanations = rule_titles(), rule_explanations()
    findings = [i.finding for i in items]
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    severity = max((f.severity for f in findings), key=rank.__getitem__)
    groups = list(dict.fromkeys(describe(model, c, lang) for f in findings for c in f.profiles))
    rules = list(dict.fromkeys(f.rule for f in sorted(findings, key=lambda f: -rank[f.severity])))
    if key[0] == "PW101":
        needs = [_label(model, f.elements[0], lang) for f in findings]
        setting = _label(model, key[1], lang).lower()
        what = t(lang, "uncovered_needs", n=len(needs), setting=setting)
        detail = ", ".join(needs)
        where = _label(model, key[1], lang)
    elif key[0] == "open":
        what = _label(model, key[1], lang)
        detail = ""
        where = ", ".join(dict.fromkeys(_label(model, f.elements[1], lang) for f in findings if len(f.elements) > 1))
    else:
        what = titles[rules[0]][lang]
        detail = "; ".join(titles[r][lang] for r in rules[1:])
        where = _label(model, key[1], lang)
    days, cases = _case_days(analysis, {f.id for f in findings})
    return Cause(
        key=key,
        severity=severity,
        what=what,
        detail=detail,
        where=where,
        groups=groups or [t(lang, "all_patients")],
        changes=list(dict.fromkeys(fix_text(explanations[r][lang]) for r in rules)),
        problems=[f.message.get(lang, "") for f in findings],
        numbers=[i.number for i in items],
        days=days,
        cases=cases,
        open_question=key[0] == "open",
    )


def causes(analysis: Analysis, items: list[Numbered], lang: str = "sv") -> list[Cause]:
    """Every cause, most important first (open questions included, flagged)."""
    model = analysis.model
    grouped: dict[tuple, list[Numbered]] = defaultdict(list)
    for item in items:
        grouped[cause_key(model, item.finding)].append(item)
    out = [_cause(model, key, group, lang, analysis) for key, group in grouped.items()]
    rank = {s: n for n, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda c: (-rank[c.severity], -c.days, -len(c.numbers), c.numbers[0]))
