"""The responsibility matrix as an Excel workbook to edit: needs × profile groups down, units across.

``pathways matrix import`` reads it back (:mod:`pathways.scenarios.matrix_sheet`); the
layout below is what it expects.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pathways.model.model import Model
from pathways.scenarios.matrix import FIRST_ROW, HEAD, MARK, PARTIAL, SHEET, grid, groups

OWNED = PatternFill("solid", fgColor="CCE5D6")
HELP = {
    "sv": [
        "Ansvarsmatrisen: en rad per behov och patientgrupp, en kolumn per verksamhet.",
        f"'{MARK}' = verksamheten äger behovet för gruppen; '{PARTIAL}' = för en del av gruppen eller en tid; tom = äger inte.",
        f"Ändra markeringarna i bladet {SHEET}; flytta, slå ihop eller byt namn på kolumner och rader inte.",
        "pathways matrix import FIL.xlsx --out SCENARIO.yaml gör ett scenario; pathways whatif SCENARIO.yaml visar följden.",
    ],
    "en": [
        "The responsibility matrix: one row per need and patient group, one column per unit.",
        f"'{MARK}' = the unit owns the need for the group; '{PARTIAL}' = for part of the group or for a time; empty = does not.",
        f"Change the marks in the sheet {SHEET}; do not move, merge or rename columns and rows.",
        "pathways matrix import FILE.xlsx --out SCENARIO.yaml makes a scenario; pathways whatif SCENARIO.yaml shows the effect.",
    ],
}


def matrix_workbook(model: Model, dimension: str, lang: str = "sv") -> Workbook:
    cells = grid(model, dimension)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    units = model.units
    ws.append([*HEAD, *(u.id for u in units)])
    ws.append(["", "", "", *(getattr(u.label, lang) for u in units)])
    for g in groups(model, dimension):
        for need in model.needs:
            row = [need.id, getattr(need.label, lang), g.key]
            row += [cells.get((need.id, g.key, u.id), "") for u in units]
            ws.append(row)
    for row in ws.iter_rows(min_row=FIRST_ROW, min_col=len(HEAD) + 1):
        for cell in row:
            if cell.value:
                cell.fill = OWNED
            cell.alignment = Alignment(horizontal="center")
    for cell in ws[1] + ws[2]:
        cell.font = Font(bold=True)
    for cell in ws[2]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = ws.cell(FIRST_ROW, len(HEAD) + 1)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 22, 40, 16
    for i in range(len(units)):
        ws.column_dimensions[get_column_letter(len(HEAD) + 1 + i)].width = 16
    about = wb.create_sheet("Förklaring" if lang == "sv" else "About")
    for line in HELP[lang]:
        about.append([line])
    about.append([f"{model.meta.id} {model.meta.version} ({model.meta.date}); grupp = {dimension}"])
    return wb


def write_matrix_xlsx(model: Model, path: Path, dimension: str, lang: str = "sv") -> None:
    matrix_workbook(model, dimension, lang).save(path)
