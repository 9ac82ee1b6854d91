"""The behaviour kept stable across refactorings: what the fixtures in expected/ hold.

Reduced from the JSON the commands print (``pathways gaps --format json`` and
``pathways trace --format json``): which findings there are, their ids, severities and
elements, and for each case day by day where the patient is and who owns each need.
Wording is left out on purpose: texts may improve without changing what is found.
"""

from __future__ import annotations

from typing import Any


def findings(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": f["id"], "rule": f["rule"], "severity": f["severity"], "elements": f["elements"]}
        for f in doc["findings"]
    ]


def trace(doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "case": doc["case"],
        "start": doc["start"],
        "end": doc["end"],
        "uncovered_days": doc["uncovered_days"],
        "days": [{"date": d["date"], "unit": d["unit"], "owners": d["owners"]} for d in doc["days"]],
        "handovers": [{"id": h["id"], "date": h["date"], "missing": h["missing"]} for h in doc["handovers"]],
        "gaps": [{"need": g["need"], "start": g["start"], "end": g["end"], "days": g["days"]} for g in doc["gaps"]],
        "findings": sorted(f["id"] for f in doc["findings"]),
    }
