"""Everything the report shows, as plain data: one context for every format.

The HTML and Markdown templates, the Word document and the workbook all read the same
dictionary, so they say the same thing. Texts are raw here (each format escapes them
itself) and come from :mod:`pathways.texts`.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from pathways.model.model import Model
from pathways.outputs.matrix import matrix_data
from pathways.outputs.numbering import Numbered, numbered, rule_explanations, rule_titles
from pathways.outputs.render import safe_name
from pathways.outputs.style import TEXT, TITLE_SIZE, label, short_unit
from pathways.outputs.summary import causes
from pathways.outputs.whatif import field_change_text
from pathways.pipeline import Analysis
from pathways.texts import REPORT, kind, t

TOP = 5
"""Causes on page one."""
OWNERSHIP_LINES = 6
"""Ownership changes a what-if lists in the report; the workbook has them all."""


@dataclass
class Figure:
    name: str
    kind: str
    title: str
    svg_uri: str
    png: str
    """Path of the PNG relative to the report."""


def title_of(source: str, fallback: str) -> str:
    """The title a diagram's DOT gives itself (the first bold title line)."""
    m = re.search(rf"<FONT POINT-SIZE=\"{TITLE_SIZE}\"><B>(.*?)</B></FONT>", source)
    return html.unescape(re.sub(r"<BR[^>]*>", " ", m.group(1))) if m else fallback


def source_titles(model: Model, text: str) -> str:
    """A source reference with the document's id replaced by its title."""
    for s in sorted(model.sources, key=lambda s: -len(s.id)):
        if text.startswith(s.id):
            return s.title + text[len(s.id) :]
    return text


def documents(model: Model, refs: list[str]) -> list[int]:
    """The numbers in the list of sources (1, 2, … in the model's order) of the documents
    ``refs`` cite (``seed-002 5.7.1`` → the number of seed-002), each once, in order."""
    number = {s.id: n for n, s in enumerate(model.sources, 1)}
    by_length = sorted(model.sources, key=lambda s: -len(s.id))
    found = (next((number[s.id] for s in by_length if ref.startswith(s.id)), None) for ref in refs if ref)
    return list(dict.fromkeys(n for n in found if n is not None))


def gap_rows(analysis: Analysis, items: list[Numbered], lang: str) -> list[dict]:
    model = analysis.model
    titles = rule_titles()
    gz_labels = {g.number: getattr(g.label, lang) for g in model.grey_zones}
    rows = []
    for item in items:
        f = item.finding
        rows.append(
            {
                "no": item.number,
                "id": f.id,
                "rule": f.rule,
                "title": titles.get(f.rule, {}).get(lang, f.name),
                "severity": f.severity,
                "severity_text": t(lang, f"sev_{f.severity}"),
                "message": f.message.get(lang, ""),
                "profiles": list(f.profiles_text.get(lang, ())),
                "grey_zones": [f"{n}: {gz_labels.get(n, '')}" for n in f.grey_zones],
                "sources": [f"{label(model, e, lang)}: {source_titles(model, s)}" for e, s in f.sources.items() if s],
                "rule_source": source_titles(model, f.rule_source),
                "documents": documents(model, [*f.sources.values(), f.rule_source]),
            }
        )
    return rows


def rules_used(analysis: Analysis, lang: str) -> list[dict]:
    from pathways.gaps.rules import all_rules

    titles, explanations = rule_titles(), rule_explanations()
    by_code = {x.code: x for x in all_rules()}
    return [
        {
            "code": code,
            "title": titles.get(code, {}).get(lang, code),
            "explanation": explanations.get(code, {}).get(lang, ""),
            "source": source_titles(analysis.model, by_code[code].source) if code in by_code else "",
        }
        for code in dict.fromkeys(f.rule for f in analysis.findings)
    ]


def matrix_rows(model: Model, items: list[Numbered], lang: str) -> tuple[list[dict], list[dict]]:
    m = matrix_data(model, items)
    rows = []
    for cat, need in m.rows:
        cells = [
            [
                {"unit": short_unit(model, o.unit, lang), "groups": o.profiles.get(lang, ""), "window": o.window}
                for o in m.cells.get((need, col.id), [])
            ]
            for col in m.columns
        ]
        rows.append(
            {
                "category": TEXT[lang].get(f"category_{cat}", cat),
                "need": label(model, need, lang),
                "cells": cells,
                "gaps": m.gaps.get(need, []),
            }
        )
    cols = [{"label": c.label[lang], "lane": c.lane_label[lang], "kind": c.lane_kind} for c in m.columns]
    return cols, rows


def _items_text(lang: str, keys: list[str]) -> str:
    return ", ".join(TEXT[lang].get(f"item_{x}", x) for x in keys)


def case_rows(analysis: Analysis, figures: list[Figure], numbers: dict[str, int], lang: str) -> list[dict]:
    model, out = analysis.model, []
    for tr in analysis.traces:
        lab = tr.labels

        def L(x: str, lab=lab) -> str:
            return lab.get(x, {}).get(lang) or label(model, x, lang)

        sips = []
        for s in tr.sips:
            deadline = f" ({t(lang, 'deadline')} {s.deadline})" if s.deadline else ""
            state = f"{t(lang, 'held')} {s.date}" if s.held and s.date else t(lang, "not_held") + deadline
            sips.append({"label": L(s.id), "state": state})
        out.append(
            {
                "id": tr.case,
                "label": tr.label.get(lang) or tr.case,
                "profile": ", ".join(lab.get(f"{d}={v}", {}).get(lang, v) for d, v in tr.profile.items()),
                "summary": t(lang, "case_summary", n=tr.uncovered_days, total=len(tr.days)),
                "uncovered": tr.uncovered_days,
                "days": len(tr.days),
                "figure": next((f for f in figures if f.name == f"case_{_safe(tr.case)}"), None),
                "gaps": [
                    {
                        "need": L(g.need),
                        "period": f"{g.start.isoformat()} – {g.end.isoformat()}",
                        "days": g.days,
                        "cause": t(lang, "declared") if g.cause == "declared" else L(g.cause),
                    }
                    for g in tr.gaps
                ],
                "handovers": [
                    {
                        "date": h.date.isoformat(),
                        "from_to": f"{L(h.from_unit)} → {L(h.to_unit)}",
                        "passes": _items_text(lang, list(h.passes)) or "–",
                        "missing": _items_text(lang, list(h.missing)),
                    }
                    for h in tr.handovers
                ],
                "gap_lines": gap_lines(tr.gaps, L, lang),
                "sips": sips,
                "met": [_finding_line(numbers, mf, lang) for mf in tr.findings],
            }
        )
    return out


def gap_lines(gaps, name, lang: str) -> list[dict]:
    """A case's needs without owner, those with the same period and cause in one line."""
    lines: dict[tuple, dict] = {}
    for g in gaps:
        cause = t(lang, "declared") if g.cause == "declared" else name(g.cause)
        key = (g.start, g.end, g.days, cause)
        line = lines.setdefault(
            key,
            {"needs": [], "period": f"{g.start.isoformat()} – {g.end.isoformat()}", "days": g.days, "cause": cause},
        )
        line["needs"].append(name(g.need))
    return list(lines.values())


def _finding_line(numbers: dict[str, int], f, lang: str, no: object = None) -> dict:
    return {
        "no": numbers.get(f.id, "–") if no is None else no,
        "title": rule_titles().get(f.rule, {}).get(lang, f.name),
        "message": f.message.get(lang, ""),
    }


def whatif_rows(analysis: Analysis, figures: list[Figure], numbers: dict[str, int], lang: str) -> list[dict]:
    model, out = analysis.model, []
    total = sum(tr.uncovered_days for tr in analysis.traces)
    for c in analysis.comparisons:
        w, changed = c.whatif, c.changed

        def LL(x: str, changed=changed) -> str:
            lab_ = getattr(changed.get(x) or model.get(x), "label", None)
            return getattr(lab_, lang) if lab_ is not None else x

        scen = c.scenarios[0] if c.scenarios else None
        after = total - sum(
            cc.uncovered_days_before - (cc.uncovered_days_after or 0)
            for cc in w.cases
            if cc.uncovered_days_after is not None and cc.uncovered_days_before is not None
        )

        def element_change(e, changed=changed) -> str:
            fields = "; ".join(field_change_text(changed, k, v, lang) for k, v in e.fields.items() if k != "note")
            return t(lang, e.change) + (": " + fields if fields else "")

        name = c.label.get(lang, c.id)
        ownership = [
            {
                "need": LL(o.need),
                "setting": LL(o.setting),
                "groups": " | ".join(o.profiles_text.get(lang, [])),
                "before": ", ".join(LL(x.unit) for x in o.before) or t(lang, "nobody"),
                "after": ", ".join(LL(x.unit) for x in o.after) or t(lang, "nobody"),
            }
            for o in w.ownership
        ]
        out.append(
            {
                "id": c.id,
                "label": name,
                "rationale": getattr(scen, "rationale", "") or "",
                "status": _status(lang, getattr(scen, "status", "") or ""),
                "source": ", ".join(source_titles(model, str(v)) for v in (getattr(scen, "source", {}) or {}).values()),
                "figure": next((f for f in figures if f.name == f"whatif_{_safe(c.id)}"), None),
                "resolved": [_finding_line(numbers, f, lang) for f in w.resolved],
                "new": [
                    _finding_line(numbers, f, lang, f"{t(lang, 'new_prefix')} {i}") for i, f in enumerate(w.new, 1)
                ],
                "ownership": ownership,
                "ownership_lines": ownership_lines(ownership)[:OWNERSHIP_LINES],
                "ownership_more": max(0, len(ownership_lines(ownership)) - OWNERSHIP_LINES),
                "elements": [{"element": LL(e.id), "change": element_change(e)} for e in w.elements],
                "cases": [
                    {
                        "case": cc.label.get(lang) or cc.case,
                        "days": f"{'–' if cc.uncovered_days_before is None else cc.uncovered_days_before} → "
                        + ("–" if cc.uncovered_days_after is None else str(cc.uncovered_days_after)),
                        "changed": cc.uncovered_days_before != cc.uncovered_days_after,
                    }
                    for cc in w.cases
                ],
                "sentence": t(
                    lang,
                    "scenario_line",
                    label=name,
                    resolved=len(w.resolved),
                    new=len(w.new),
                    before=total,
                    after=after,
                ),
                "days_before": total,
                "days_after": after,
            }
        )
    return out


def ownership_lines(rows: list[dict]) -> list[str]:
    """Ownership changes in a line each, the patient groups left out (the workbook has them):
    ``need · setting: before → after``, each once."""
    return list(dict.fromkeys(f"{o['need']} · {o['setting']}: {o['before']} → {o['after']}" for o in rows))


def _status(lang: str, status: str) -> str:
    return REPORT[lang].get(f"status_{status}", status)


def assumption_rows(analysis: Analysis, lang: str) -> list[dict]:
    """The checklist, the assumptions behind most findings first."""
    behind = Counter(e for f in analysis.findings for e in f.elements)
    rows = [
        {
            "kind": kind(lang, a.kind),
            "label": a.label,
            "note": a.note,
            "source": source_titles(analysis.model, a.source),
            "id": a.id,
            "findings": behind.get(a.id, 0),
        }
        for a in analysis.assumptions(lang)
    ]
    return sorted(rows, key=lambda r: -r["findings"])


def management(analysis: Analysis, items: list[Numbered], lang: str, whatifs: list[dict], assumptions: list[dict]):
    """Page one: the causes that matter most, open questions apart, scenarios, assumptions."""
    all_causes = causes(analysis, items, lang)
    gaps = [c for c in all_causes if not c.open_question]
    return {
        "lead": t(
            lang,
            "mgmt_lead",
            n=len(analysis.findings),
            causes=len(gaps),
            errors=sum(1 for c in gaps if c.severity == "error"),
        ),
        "top": gaps[:TOP],
        "causes": gaps,
        "open": [c for c in all_causes if c.open_question],
        "scenarios": [w["sentence"] for w in whatifs],
        "assumptions_left": t(lang, "assumptions_left", n=len(assumptions)),
        "assumptions_top": [a for a in assumptions if a["findings"]][:TOP],
    }


def context(analysis: Analysis, lang: str, figures: list[Figure]) -> dict:
    """Everything the report shows, as plain data; texts are raw (each format escapes)."""
    model = analysis.model
    items = numbered(analysis.findings)
    numbers = {item.finding.id: item.number for item in items}
    cols, rows = matrix_rows(model, items, lang)
    whatifs = whatif_rows(analysis, figures, numbers, lang)
    assumptions = assumption_rows(analysis, lang)
    by_kind: dict[str, list[Figure]] = {}
    for f in figures:
        by_kind.setdefault(f.kind, []).append(f)
    return {
        "lang": lang,
        "r": REPORT[lang],
        "model": {
            "label": getattr(model.meta.label, lang),
            "version": model.meta.version,
            "date": model.meta.date,
            "id": model.meta.id,
        },
        "stamp": analysis.stamp.text(lang) if analysis.stamp else "",
        "mgmt": management(analysis, items, lang, whatifs, assumptions),
        "figures": by_kind,
        "gap_rows": gap_rows(analysis, items, lang),
        "rules": rules_used(analysis, lang),
        "matrix_cols": cols,
        "matrix_rows": rows,
        "cases": case_rows(analysis, figures, numbers, lang),
        "whatifs": whatifs,
        "assumptions": assumptions,
        "sections": sections(analysis, lang, figures),
        "sources": [{"no": n, "id": s.id, "title": s.title, "ref": s.ref} for n, s in enumerate(model.sources, 1)],
    }


def sections(analysis: Analysis, lang: str, figures: list[Figure]) -> list[dict]:
    """The extra sections in ``lang`` (the conformance section last, when a log was judged),
    each section's figure names replaced by the report's figures of those names."""
    extra = list(analysis.sections)
    if analysis.conformance is not None:
        from pathways.outputs.conformance import report_section

        extra.append(report_section(analysis.conformance, analysis.model, lang))
    by_name = {f.name: f for f in figures}
    out = []
    for section in extra:
        data = section.render(lang)
        data["figures"] = [by_name[n] for n in data["figures"] if n in by_name]
        out.append(data)
    return out


def _safe(text: str) -> str:
    return safe_name(text)
