"""Findings as text: JSON, CSV and Markdown (the table in the terminal is the CLI's).

The CSV opens as it is in Excel with Swedish settings (:mod:`pathways.excelcsv`), headers
in the output's language (:data:`HEADERS`). Each format carries the revision stamp when
given one: the CSV as its last column, the JSON as a ``stamp`` object, the Markdown as
its first line."""

from __future__ import annotations

import json

from pathways.excelcsv import excel_csv
from pathways.gaps.core import Finding
from pathways.texts import t

COLUMNS = ("nr", "id", "rule", "name", "severity", "grey_zones", "message", "profiles", "elements", "rule_source")
HEADERS = {
    "sv": ("Nr", "Id", "Regel", "Namn", "Allvar", "Gråzoner", "Fynd", "Patientgrupper", "Element", "Regelns källa"),
    "en": (
        "No",
        "Id",
        "Rule",
        "Name",
        "Severity",
        "Grey zones",
        "Finding",
        "Patient groups",
        "Elements",
        "Rule source",
    ),
}


def _elements(f: Finding, where: dict[str, dict[str, str]] | None) -> str:
    at = (where or {}).get(f.id, {})
    return ", ".join(f"{e} ({at[e]})" if e in at else e for e in f.elements)


def rows(
    findings: list[Finding], lang: str = "sv", where: dict[str, dict[str, str]] | None = None
) -> list[dict[str, str]]:
    """One flat row per finding, numbered in the order given (the numbers on the gap overlay).

    ``where`` (finding id -> element id -> ``file:line``) puts each element's place after it.
    """
    return [
        {
            "nr": str(index),
            "id": f.id,
            "rule": f.rule,
            "name": f.name,
            "severity": t(lang, f"sev_{f.severity}"),
            "grey_zones": ", ".join(str(g) for g in f.grey_zones),
            "message": f.message[lang],
            "profiles": " | ".join(f.profiles_text[lang]),
            "elements": _elements(f, where),
            "rule_source": f.rule_source,
        }
        for index, f in enumerate(findings, start=1)
    ]


def to_json(
    findings: list[Finding],
    accepted: dict[str, str] | None = None,
    where: dict[str, dict[str, str]] | None = None,
    stamp: dict[str, object] | None = None,
) -> str:
    """Findings as a JSON document; accepted ones carry their justification, ``where`` their elements' places.

    >>> to_json([])
    '{\\n  "findings": []\\n}'
    >>> to_json([], stamp={"content_hash": "1a2b"}).splitlines()[1]
    '  "stamp": {'
    """
    accepted = accepted or {}
    items = []
    for f in findings:
        item = f.as_dict()
        if where is not None:
            item["where"] = where.get(f.id, {})
        if f.id in accepted:
            item["accepted"] = accepted[f.id]
        items.append(item)
    doc: dict[str, object] = {"stamp": stamp} if stamp else {}
    return json.dumps({**doc, "findings": items}, ensure_ascii=False, indent=2)


def to_csv(
    findings: list[Finding], lang: str = "sv", where: dict[str, dict[str, str]] | None = None, stamp: str = ""
) -> str:
    """The findings as Excel-ready CSV (:func:`pathways.excelcsv.excel_csv`), headers in ``lang``;
    ``where`` as in :func:`rows`; ``stamp`` in a last column."""
    return excel_csv(HEADERS[lang], ([row[c] for c in COLUMNS] for row in rows(findings, lang, where)), stamp, lang)


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(
    findings: list[Finding], lang: str = "sv", where: dict[str, dict[str, str]] | None = None, stamp: str = ""
) -> str:
    """A Markdown table (pipes in texts escaped), after a line with ``stamp`` when given."""
    heads = {
        "sv": ("Nr", "Id", "Regel", "Allvar", "Gråzon", "Fynd", "Profiler", "Element"),
        "en": ("No", "Id", "Rule", "Severity", "Grey zone", "Finding", "Profiles", "Elements"),
    }[lang]
    lines = [f"Revision: {_md_cell(stamp)}", ""] if stamp else []
    lines += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for row in rows(findings, lang, where):
        cells = [
            row["nr"],
            row["id"],
            f"{row['rule']} {row['name']}",
            row["severity"],
            row["grey_zones"],
            row["message"],
            row["profiles"],
            row["elements"],
        ]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
