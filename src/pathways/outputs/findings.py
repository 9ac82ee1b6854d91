"""Findings as text: JSON, CSV and Markdown (the table in the terminal is the CLI's).

The CSV opens as it is in Excel with Swedish settings: UTF-8 with a byte-order mark,
``;`` between fields, CRLF line ends, every field quoted, and headers in the report's
language (:data:`HEADERS`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

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
BOM = "\ufeff"


def excel_csv(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text that Excel with Swedish settings opens as columns: BOM, ``;``, CRLF, all quoted.

    >>> excel_csv(["a", "b"], [["x;y", 1]]).split("\\r\\n")
    ['\\ufeff"a";"b"', '"x;y";"1"', '']
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return BOM + buffer.getvalue()


def rows(findings: list[Finding], lang: str = "sv") -> list[dict[str, str]]:
    """One flat row per finding, numbered in the order given (the numbers on the gap overlay)."""
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
            "elements": ", ".join(f.elements),
            "rule_source": f.rule_source,
        }
        for index, f in enumerate(findings, start=1)
    ]


def to_json(findings: list[Finding], accepted: dict[str, str] | None = None) -> str:
    """Findings as a JSON document; accepted ones carry their justification.

    >>> to_json([])
    '{\\n  "findings": []\\n}'
    """
    accepted = accepted or {}
    items = []
    for f in findings:
        item = f.as_dict()
        if f.id in accepted:
            item["accepted"] = accepted[f.id]
        items.append(item)
    return json.dumps({"findings": items}, ensure_ascii=False, indent=2)


def to_csv(findings: list[Finding], lang: str = "sv") -> str:
    """The findings as Excel-ready CSV (:func:`excel_csv`), headers in ``lang``."""
    return excel_csv(HEADERS[lang], ([row[c] for c in COLUMNS] for row in rows(findings, lang)))


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(findings: list[Finding], lang: str = "sv") -> str:
    """A Markdown table (pipes in texts escaped)."""
    heads = {
        "sv": ("Nr", "Id", "Regel", "Allvar", "Gråzon", "Fynd", "Profiler"),
        "en": ("No", "Id", "Rule", "Severity", "Grey zone", "Finding", "Profiles"),
    }[lang]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for row in rows(findings, lang):
        cells = [
            row["nr"],
            row["id"],
            f"{row['rule']} {row['name']}",
            row["severity"],
            row["grey_zones"],
            row["message"],
            row["profiles"],
        ]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
