"""A diff as sections of rows: for the terminal table, Markdown, CSV and JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pathways.excelcsv import excel_csv
from pathways.revision.diff import Diff
from pathways.scenarios.report import TEXT as WHATIF_TEXT
from pathways.scenarios.report import Labels, field_text, owner_text, ownership_rows
from pathways.texts import t as text

TEXT = {
    "sv": WHATIF_TEXT["sv"]
    | {
        "title": "Ändringar i modellen",
        "changed_findings": "Ändrade fynd",
        "where": "var",
        "what": "vad som ändrats",
    },
    "en": WHATIF_TEXT["en"]
    | {
        "title": "Changes in the model",
        "changed_findings": "Findings changed",
        "where": "where",
        "what": "what changed",
    },
}


@dataclass
class Section:
    key: str
    title: str
    head: list[str]
    rows: list[list[str]]


def _value(v) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _finding_fields(fields: dict, lang: str) -> str:
    parts = []
    for name, change in fields.items():
        before, after = change["before"], change["after"]
        if name == "message":
            before, after = before.get(lang, ""), after.get(lang, "")
        parts.append(f"{name}: {_value(before)} → {_value(after)}")
    return "; ".join(parts)


def _element_place(d: Diff, e) -> str:
    """Where the element is; for a changed one, where each changed field is."""
    if not e.fields:
        return d.where.get(e.id, "")
    return "\n".join(d.field_where.get((e.id, name), "") for name in e.fields)


def _places(d: Diff, finding_id: str) -> str:
    return "\n".join(f"{e}: {at}" for e, at in d.finding_where.get(finding_id, {}).items())


def sections(d: Diff, label: Labels, lang: str) -> list[Section]:
    """Every part of the diff, in reading order: elements, findings, ownership, cases."""
    t, w = TEXT[lang], d.result
    out = [
        Section(
            "element",
            t["elements"],
            [t["where"], t["id"], t["change"], t["fields"]],
            [[_element_place(d, e), e.id, t[e.change], field_text(e.fields)] for e in w.elements],
        )
    ]
    for key, findings in (("resolved", w.resolved), ("new", w.new)):
        out.append(
            Section(
                key,
                t[key],
                [t["rule"], t["id"], t["severity"], t["message"], t["where"]],
                [[f.rule, f.id, f.severity, f.message.get(lang, ""), _places(d, f.id)] for f in findings],
            )
        )
    out.append(
        Section(
            "changed",
            t["changed_findings"],
            [t["rule"], t["id"], t["severity"], t["what"], t["where"]],
            [
                [c.after.rule, c.after.id, c.after.severity, _finding_fields(c.fields, lang), _places(d, c.after.id)]
                for c in d.changed_findings
            ],
        )
    )
    out.append(
        Section(
            "ownership",
            t["ownership"],
            [t["need"], t["setting"], t["profiles"], t["before"], t["after"]],
            ownership_rows(w.ownership, label, lang),
        )
    )
    out.append(
        Section(
            "case",
            t["cases"],
            [t["case"], t["uncovered"], t["met_gone"], t["met_new"]],
            [
                [
                    c.case,
                    f"{c.uncovered_days_before} → {'-' if c.uncovered_days_after is None else c.uncovered_days_after}",
                    ", ".join(c.findings_resolved),
                    c.error or ", ".join(c.findings_new),
                ]
                for c in w.cases
            ],
        )
    )
    return out


def summary(d: Diff, lang: str) -> str:
    t, w = TEXT[lang], d.result
    return (
        f"{d.old} → {d.new}: {t['elements']} {len(w.elements)} · {t['resolved']} {len(w.resolved)} · "
        f"{t['new']} {len(w.new)} · {t['changed_findings']} {len(d.changed_findings)} · "
        f"{t['ownership']} {len(w.ownership)} · {t['cases']} {len(w.cases)}"
    )


def _md(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", "; ")


def to_markdown(d: Diff, label: Labels, lang: str, stamp: str = "") -> str:
    t = TEXT[lang]
    lines = [f"# {t['title']}: {d.old} → {d.new}", "", *([f"Revision: {stamp}", ""] if stamp else [])]
    lines += [summary(d, lang), ""]
    for s in sections(d, label, lang):
        lines += [f"## {s.title} ({len(s.rows)})", ""]
        if s.rows:
            lines += ["| " + " | ".join(s.head) + " |", "|" + "---|" * len(s.head)]
            lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in s.rows]
        else:
            lines.append(t["none"])
        lines.append("")
    lines += [f"> {note}" for note in d.result.notes]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("section", "where", "id", "rule", "severity", "need", "setting", "profiles", "before", "after", "what")
SECTION_TITLE = {
    "element": "elements",
    "resolved": "resolved",
    "new": "new",
    "changed": "changed_findings",
    "ownership": "ownership",
    "case": "cases",
}
"""The title (a key of :data:`TEXT`) the CSV writes for each kind of row."""


def csv_rows(d: Diff, label: Labels, lang: str) -> list[dict]:
    """Every change as a flat row with named columns (empty where a column does not apply)."""
    t, w = TEXT[lang], d.result
    rows = [
        {
            "section": "element",
            "where": _element_place(d, e).replace("\n", "; "),
            "id": e.id,
            "before": e.collection,
            "after": t[e.change],
            "what": field_text(e.fields),
        }
        for e in w.elements
    ]
    for key, findings in (("resolved", w.resolved), ("new", w.new)):
        rows += [
            {
                "section": key,
                "id": f.id,
                "rule": f.rule,
                "severity": f.severity,
                "profiles": " | ".join(f.profiles_text.get(lang, ())),
                "what": f.message.get(lang, ""),
                "where": _places(d, f.id).replace("\n", "; "),
            }
            for f in findings
        ]
    rows += [
        {
            "section": "changed",
            "id": c.after.id,
            "rule": c.after.rule,
            "severity": c.after.severity,
            "what": _finding_fields(c.fields, lang),
        }
        for c in d.changed_findings
    ]
    rows += [
        {
            "section": "ownership",
            "need": o.need,
            "setting": o.setting,
            "profiles": " | ".join(o.profiles_text[lang]),
            "before": owner_text(o.before, label, lang),
            "after": owner_text(o.after, label, lang),
        }
        for o in w.ownership
    ]
    rows += [
        {
            "section": "case",
            "id": c.case,
            "before": str(c.uncovered_days_before),
            "after": "" if c.uncovered_days_after is None else str(c.uncovered_days_after),
            "what": c.error or ", ".join(c.findings_new),
        }
        for c in w.cases
    ]
    return rows


def to_csv(d: Diff, label: Labels, lang: str, stamp: str = "") -> str:
    """Every change as Excel-ready CSV (:mod:`pathways.excelcsv`): headers, kinds of row and
    severities in ``lang``; ``stamp`` in a last column."""
    t = TEXT[lang]
    headers = [t[c][:1].upper() + t[c][1:] for c in CSV_COLUMNS]
    body = []
    for row in csv_rows(d, label, lang):
        cells = {**row, "section": t[SECTION_TITLE[row["section"]]]}
        if row.get("severity"):
            cells["severity"] = text(lang, "sev_" + row["severity"])
        body.append([cells.get(c, "") for c in CSV_COLUMNS])
    return excel_csv(headers, body, stamp, lang)


def to_json(d: Diff, stamp: dict[str, object] | None = None) -> str:
    doc = d.as_dict()
    return json.dumps({"stamp": stamp, **doc} if stamp else doc, ensure_ascii=False, indent=2)
