"""The report as an Excel workbook (openpyxl): the tables a manager sorts and filters.

Sheets: about (model and revision stamp), findings, causes, responsibility matrix,
assumptions checklist, what-if, the ownership changes of each what-if, case days, then one
per table of each extra section (the conformance of a journey log, say). Every sheet has a bold header row that
stays in view (frozen panes) and an auto filter, wrapped text and set column widths.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pathways.files import replacing

HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
SHEETS = {
    "sv": {
        "about": "Om",
        "findings": "Glapp",
        "causes": "Orsaker",
        "matrix": "Ansvarsmatris",
        "assumptions": "Antaganden",
        "whatif": "Vad händer om",
        "ownership": "Ägarbyten",
        "cases": "Falldagar",
    },
    "en": {
        "about": "About",
        "findings": "Gaps",
        "causes": "Causes",
        "matrix": "Responsibility matrix",
        "assumptions": "Assumptions",
        "whatif": "What if",
        "ownership": "Ownership changes",
        "cases": "Case days",
    },
}


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list[object]], widths: list[int]) -> None:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _findings(ctx: dict) -> tuple[list[str], list[list[object]]]:
    r = ctx["r"]
    cause_of = {n: c.what for c in ctx["mgmt"]["causes"] + ctx["mgmt"]["open"] for n in c.numbers}
    headers = [r["no"], r["severity"], r["cause"], r["gap"], r["what"], r["who"], r["source"], "Id"]
    rows = [
        [
            g["no"],
            g["severity_text"],
            cause_of.get(g["no"], ""),
            g["title"],
            g["message"],
            "\n".join(g["profiles"]),
            "\n".join(g["sources"]),
            g["id"],
        ]
        for g in ctx["gap_rows"]
    ]
    return headers, rows


def _causes(ctx: dict) -> tuple[list[str], list[list[object]]]:
    r, m = ctx["r"], ctx["mgmt"]
    headers = [r["severity"], r["col_what"], r["col_where"], r["col_who"], r["col_days"], r["col_change"], r["no"]]
    rows = [
        [
            r["sev_" + c.severity],
            c.what + (f" ({c.detail})" if c.detail else ""),
            c.where,
            "\n".join(c.groups),
            c.days,
            "\n".join(c.changes),
            ", ".join(str(n) for n in c.numbers),
        ]
        for c in m["causes"]
    ]
    return headers, rows


def _matrix(ctx: dict) -> tuple[list[str], list[list[object]]]:
    r = ctx["r"]
    headers = [r["kind"], r["need"]] + [f"{c['label']} ({c['lane']})" for c in ctx["matrix_cols"]] + [r["gap"]]
    rows = []
    for row in ctx["matrix_rows"]:
        cells = [
            "\n".join(
                o["unit"] + (f" ({o['window']})" if o["window"] else "") + (f": {o['groups']}" if o["groups"] else "")
                for o in cell
            )
            for cell in row["cells"]
        ]
        rows.append([row["category"], row["need"], *cells, ", ".join(str(n) for n in row["gaps"])])
    return headers, rows


def _whatif(ctx: dict) -> tuple[list[str], list[list[object]]]:
    r = ctx["r"]
    headers = [r["scenario"], r["resolved"], r["new"], r["days_now"], r["days_with"], r["rationale"]]
    rows = [
        [
            w["label"],
            len(w["resolved"]),
            len(w["new"]),
            w["days_before"],
            w["days_after"],
            w["rationale"],
        ]
        for w in ctx["whatifs"]
    ]
    return headers, rows


def _ownership(ctx: dict) -> tuple[list[str], list[list[object]]]:
    r = ctx["r"]
    headers = [r["scenario"], r["need"], r["setting"], r["who"], r["before"], r["after"]]
    rows: list[list[object]] = [
        [w["label"], o["need"], o["setting"], o["groups"].replace(" | ", "\n"), o["before"], o["after"]]
        for w in ctx["whatifs"]
        for o in w["ownership"]
    ]
    return headers, rows


def _cases(ctx: dict) -> tuple[list[str], list[list[object]]]:
    r = ctx["r"]
    headers = [r["case"], r["case_gaps"], r["days"], r["need"], r["period"], r["cause"]]
    rows: list[list[object]] = []
    for c in ctx["cases"]:
        rows.append([c["label"], c["uncovered"], c["days"], "", "", ""])
        rows += [[c["label"], "", g["days"], g["need"], g["period"], g["cause"]] for g in c["gaps"]]
    return headers, rows


def write_workbook(ctx: dict, path: Path) -> Path:
    """Write the report context's tables as ``path``."""
    r, names = ctx["r"], SHEETS.get(ctx["lang"], SHEETS["sv"])
    wb = Workbook()
    about = wb.active
    about.title = names["about"]
    for row in (
        [r["title"]],
        [r["model"], ctx["model"]["label"]],
        [r["version"], ctx["model"]["version"]],
        [r["revision"], ctx["stamp"]],
        [],
        [ctx["mgmt"]["lead"]],
    ):
        about.append(row)
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    _sheet(wb, names["findings"], *_findings(ctx), [6, 12, 40, 30, 60, 45, 45, 20])
    _sheet(wb, names["causes"], *_causes(ctx), [12, 45, 35, 50, 12, 60, 14])
    headers, rows = _matrix(ctx)
    _sheet(wb, names["matrix"], headers, rows, [22, 32] + [28] * len(ctx["matrix_cols"]) + [12])
    assumptions = [
        ["", a["kind"], a["label"], a["note"], a["source"], a["findings"], a["id"]] for a in ctx["assumptions"]
    ]
    headers = [r["confirmed"], r["kind"], r["label"], r["note"], r["source"], r["gap"], "Id"]
    _sheet(wb, names["assumptions"], headers, assumptions, [11, 18, 35, 70, 40, 8, 24])
    _sheet(wb, names["whatif"], *_whatif(ctx), [50, 16, 12, 12, 16, 70])
    _sheet(wb, names["ownership"], *_ownership(ctx), [45, 30, 20, 55, 35, 35])
    _sheet(wb, names["cases"], *_cases(ctx), [50, 14, 8, 35, 26, 30])
    for sec in ctx["sections"]:
        for i, tb in enumerate(sec["tables"], 1):
            _sheet(wb, f"{sec['title'][:27]} {i}", tb["headers"], tb["rows"], [40] + [16] * (len(tb["headers"]) - 1))
    with replacing(path) as tmp:
        wb.save(str(tmp))
    return path
