"""A what-if result as rows, CSV and Markdown (the terminal table is drawn by the CLI)."""

from __future__ import annotations

import json

from pathways.excelcsv import excel_csv
from pathways.model.model import Model
from pathways.scenarios.whatif import WhatIf
from pathways.texts import t as text

TEXT = {
    "sv": {
        "title": "Vad händer om",
        "resolved": "Lösta fynd",
        "new": "Nya fynd",
        "unchanged": "Oförändrade fynd",
        "ownership": "Ändrat ägarskap",
        "elements": "Ändrade element",
        "cases": "Patientfall som ändras",
        "cases_same": "Patientfall utan ändring",
        "none": "inga",
        "rule": "regel",
        "id": "id",
        "severity": "allvar",
        "message": "meddelande",
        "need": "behov",
        "setting": "miljö",
        "profiles": "profiler",
        "before": "före",
        "after": "efter",
        "collection": "samling",
        "change": "ändring",
        "fields": "fält",
        "case": "fall",
        "status": "status",
        "uncovered": "dagar utan ägare",
        "findings": "fynd",
        "nobody": "ingen",
        "added": "tillagt",
        "removed": "borttaget",
        "changed": "ändrat",
        "error": "passar inte längre",
        "only_after": "passar bara efter ändringen",
        "section": "del",
        "met_gone": "fynd som inte längre möts",
        "met_new": "fynd som nu möts",
    },
    "en": {
        "title": "What if",
        "resolved": "Findings resolved",
        "new": "New findings",
        "unchanged": "Findings unchanged",
        "ownership": "Changes of ownership",
        "elements": "Elements changed",
        "cases": "Patient cases whose trace changes",
        "cases_same": "Patient cases unchanged",
        "none": "none",
        "rule": "rule",
        "id": "id",
        "severity": "severity",
        "message": "message",
        "need": "need",
        "setting": "setting",
        "profiles": "profiles",
        "before": "before",
        "after": "after",
        "collection": "collection",
        "change": "change",
        "fields": "fields",
        "case": "case",
        "status": "status",
        "uncovered": "days without owner",
        "findings": "findings",
        "nobody": "nobody",
        "added": "added",
        "removed": "removed",
        "changed": "changed",
        "error": "no longer fits",
        "only_after": "fits only after the change",
        "section": "section",
        "met_gone": "findings no longer met",
        "met_new": "findings now met",
    },
}


class Labels:
    """Labels of ids from the changed model first, then the base model."""

    def __init__(self, *models: Model, lang: str = "sv"):
        self.models = models
        self.lang = lang

    def __call__(self, element_id: str | None) -> str:
        if element_id is None:
            return ""
        for m in self.models:
            e = m.get(element_id)
            if e is not None and getattr(e, "label", None) is not None:
                return getattr(e.label, self.lang)
        return element_id


def ownership_rows(changes, label, lang: str) -> list[list[str]]:
    """One table row per ownership change: need, setting, patient groups, owners before and after."""
    return [
        [
            label(o.need),
            label(o.setting),
            " | ".join(o.profiles_text[lang]),
            owner_text(o.before, label, lang),
            owner_text(o.after, label, lang),
        ]
        for o in changes
    ]


def owner_text(owners, label: Labels, lang: str) -> str:
    if not owners:
        return TEXT[lang]["nobody"]
    parts = []
    for o in owners:
        text = label(o.unit)
        if o.window:
            w = o.window
            lo = "" if w.get("start_day") is None else f"{w['start_day']:+d}"
            hi = "" if w.get("end_day") is None else f"{w['end_day']:+d}"
            text += f" ({label(w['event'])} {lo}..{hi})"
        parts.append(text)
    return ", ".join(parts)


def field_text(fields: dict) -> str:
    return "; ".join(
        f"{k}: {json.dumps(v['before'], ensure_ascii=False)} → {json.dumps(v['after'], ensure_ascii=False)}"
        for k, v in fields.items()
    )


def rows(w: WhatIf, label: Labels, lang: str) -> list[dict]:
    """Every line of the result as a flat row (CSV, Markdown)."""
    t = TEXT[lang]
    out = []
    for section, findings in (("resolved", w.resolved), ("new", w.new), ("unchanged", w.unchanged)):
        for f in findings:
            out.append(
                {
                    "section": section,
                    "id": f.id,
                    "rule": f.rule,
                    "severity": f.severity,
                    "need": "",
                    "setting": "",
                    "profiles": " | ".join(f.profiles_text.get(lang, ())),
                    "before": "",
                    "after": "",
                    "message": f.message.get(lang, ""),
                }
            )
    for o in w.ownership:
        out.append(
            {
                "section": "ownership",
                "id": "",
                "rule": "",
                "severity": "",
                "need": label(o.need),
                "setting": label(o.setting),
                "profiles": " | ".join(o.profiles_text[lang]),
                "before": owner_text(o.before, label, lang),
                "after": owner_text(o.after, label, lang),
                "message": "",
            }
        )
    for e in w.elements:
        out.append(
            {
                "section": "element",
                "id": e.id,
                "rule": "",
                "severity": "",
                "need": "",
                "setting": "",
                "profiles": "",
                "before": e.collection,
                "after": t[e.change],
                "message": field_text(e.fields),
            }
        )
    for c in w.cases:
        out.append(
            {
                "section": "case",
                "id": c.case,
                "rule": "",
                "severity": "",
                "need": "",
                "setting": "",
                "profiles": "",
                "before": "" if c.uncovered_days_before is None else str(c.uncovered_days_before),
                "after": "" if c.uncovered_days_after is None else str(c.uncovered_days_after),
                "message": c.error
                or (
                    f"{t['met_gone']}: {', '.join(c.findings_resolved) or t['none']}; "
                    f"{t['met_new']}: {', '.join(c.findings_new) or t['none']}"
                ),
            }
        )
    return out


COLUMNS = ("section", "id", "rule", "severity", "need", "setting", "profiles", "before", "after", "message")
SECTION_TITLE = {"element": "elements", "case": "cases"}
"""The title (a key of :data:`TEXT`) the CSV writes for a kind of row, where it is not the kind itself."""


def to_csv(w: WhatIf, label: Labels, lang: str, stamp: str = "") -> str:
    """Every line of the result as Excel-ready CSV (:mod:`pathways.excelcsv`): headers, kinds
    of row and severities in ``lang``; ``stamp`` in a last column."""
    t = TEXT[lang]
    headers = [t[c][:1].upper() + t[c][1:] for c in COLUMNS]
    body = []
    for row in rows(w, label, lang):
        cells = {**row, "section": t[SECTION_TITLE.get(row["section"], row["section"])]}
        if row["severity"]:
            cells["severity"] = text(lang, "sev_" + row["severity"])
        body.append([cells[c] for c in COLUMNS])
    return excel_csv(headers, body, stamp, lang)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(head: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in body]
    return lines


def to_markdown(w: WhatIf, label: Labels, lang: str) -> str:
    t = TEXT[lang]
    names = ", ".join(s["label"][lang] for s in w.scenarios) or "-"
    lines = [f"# {t['title']}: {names}", ""]
    for s in w.scenarios:
        src = s.get("source", {})
        lines.append(
            f"- `{s['id']}` ({s['status']}; {src.get('doc', '')} {src.get('section', '') or ''}): {s['label'][lang]}"
        )
    lines += [
        "",
        f"{t['resolved']}: {len(w.resolved)} · {t['new']}: {len(w.new)} · {t['unchanged']}: {len(w.unchanged)}",
        "",
    ]
    for key, findings in (("resolved", w.resolved), ("new", w.new)):
        lines += [f"## {t[key]} ({len(findings)})", ""]
        if findings:
            lines += _md_table(
                [t["rule"], t["id"], t["severity"], t["message"]],
                [[f.rule, f.id, f.severity, f.message.get(lang, "")] for f in findings],
            )
        else:
            lines.append(t["none"])
        lines.append("")
    lines += [f"## {t['ownership']} ({len(w.ownership)})", ""]
    if w.ownership:
        lines += _md_table(
            [t["need"], t["setting"], t["profiles"], t["before"], t["after"]],
            ownership_rows(w.ownership, label, lang),
        )
    else:
        lines.append(t["none"])
    lines += ["", f"## {t['elements']} ({len(w.elements)})", ""]
    if w.elements:
        lines += _md_table(
            [t["collection"], t["id"], t["change"], t["fields"]],
            [[e.collection, e.id, t[e.change], field_text(e.fields)] for e in w.elements],
        )
    else:
        lines.append(t["none"])
    lines += ["", f"## {t['cases']} ({len(w.cases)})", ""]
    if w.cases:
        lines += _md_table(
            [t["case"], t["status"], t["uncovered"], t["met_gone"], t["met_new"]],
            [
                [
                    c.label[lang],
                    t[c.status],
                    f"{'-' if c.uncovered_days_before is None else c.uncovered_days_before} → "
                    f"{'-' if c.uncovered_days_after is None else c.uncovered_days_after}",
                    ", ".join(c.findings_resolved),
                    c.error or ", ".join(c.findings_new),
                ]
                for c in w.cases
            ],
        )
    else:
        lines.append(t["none"])
    lines += ["", f"{t['cases_same']}: {', '.join(w.cases_unchanged) or t['none']}", ""]
    for note in w.notes:
        lines.append(f"> {note}")
    return "\n".join(lines)


def to_json(w: WhatIf) -> str:
    return json.dumps(w.as_dict(), ensure_ascii=False, indent=2)
