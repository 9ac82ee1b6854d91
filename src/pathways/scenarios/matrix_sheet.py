"""Read an edited responsibility matrix (the workbook ``pathways matrix export`` wrote).

Every problem names its cell, ``matris.xlsx:Ansvar!C7: ...``; the sheet is read whole or
not at all.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model
from pathways.scenarios.matrix import FIRST_ROW, HEAD, MARK, PARTIAL, SHEET, groups


@dataclass(frozen=True, order=True)
class CellProblem(Problem):
    """A problem in a cell, printed as ``file:sheet!C7: message``."""

    sheet: str = SHEET

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}!{get_column_letter(self.col)}{self.line}: {self.message}"


def _cell(file: str, sheet: str, row: int, col: int, message: str) -> CellProblem:
    return CellProblem(file, row, col, "", message, sheet)


@dataclass
class Sheet:
    dimension: str
    owned: set[tuple[str, str, str]]


def _open(path: Path, name: str):
    try:
        wb = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ModelError([_cell(name, SHEET, 1, 1, f"not an Excel workbook pathways can read ({exc})")]) from None
    if SHEET not in wb.sheetnames:
        raise ModelError([_cell(name, SHEET, 1, 1, f"no sheet '{SHEET}'; the sheets are {', '.join(wb.sheetnames)}")])
    return wb[SHEET]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _units(ws, model: Model, problem) -> dict[int, str]:
    for col, want in enumerate(HEAD, start=1):
        got = _text(ws.cell(1, col).value)
        if got != want:
            problem(
                1,
                col,
                f"expected the heading '{want}', found '{got}' (columns moved?); keep the first columns {', '.join(HEAD)}",
            )
    known = {u.id for u in model.units}
    units: dict[int, str] = {}
    for col in range(len(HEAD) + 1, ws.max_column + 1):
        uid = _text(ws.cell(1, col).value)
        if not uid:
            continue
        if uid not in known:
            problem(1, col, f"unknown unit '{uid}'; a column heading is a unit id from units.yaml")
        elif uid in units.values():
            problem(1, col, f"unit '{uid}' has a second column")
        else:
            units[col] = uid
    return units


def _row_problem(
    need: str, key: str, needs: set[str], keys: dict[str, str], dimension: str | None, seen: dict[tuple[str, str], int]
) -> tuple[str, int]:
    """What is wrong with a row's need and group, and the column to name; ("", 0) when nothing."""
    if need not in needs:
        return f"unknown need '{need}'; column A holds need ids from needs.yaml", 1
    if key not in keys:
        return f"unknown patient group '{key}'; column C holds dimension=value, e.g. alder=barn", 3
    if dimension is not None and keys[key] != dimension:
        return f"group '{key}' is of another dimension than the sheet's ('{dimension}')", 3
    if (need, key) in seen:
        return f"second row for {need} × {key} (first in row {seen[(need, key)]})", 1
    return "", 0


def _read_marks(ws, row: int, need: str, key: str, units: dict[int, str], owned: set, problem) -> None:
    """The units a row marks as owners, into ``owned``; a cell that is not a mark is a problem."""
    for col, unit in units.items():
        mark = _text(ws.cell(row, col).value).lower()
        if mark in (MARK, PARTIAL):
            owned.add((need, key, unit))
        elif mark:
            problem(
                row,
                col,
                f"'{mark}' is not a mark; write '{MARK}' (owns), keep '{PARTIAL}' (owns in part) or leave empty",
            )


def read_matrix(path: Path, model: Model, display: str | None = None) -> Sheet:
    """The owned cells of an edited matrix; ModelError lists every bad cell."""
    name = display or str(path)
    ws = _open(Path(path), name)
    problems: list[Problem] = []

    def problem(row: int, col: int, message: str) -> None:
        problems.append(_cell(name, ws.title, row, col, message))

    for merged in ws.merged_cells.ranges:
        problem(
            merged.min_row, merged.min_col, f"merged cells ({merged.coord}); unmerge them, each cell holds one mark"
        )
    units = _units(ws, model, problem)
    needs = {n.id for n in model.needs}
    keys, dimension = {}, None
    for dim in model.dimensions:
        for g in groups(model, dim.id):
            keys[g.key] = dim.id
    owned: set[tuple[str, str, str]] = set()
    seen: dict[tuple[str, str], int] = {}
    for row in range(FIRST_ROW, ws.max_row + 1):
        need, key = _text(ws.cell(row, 1).value), _text(ws.cell(row, 3).value)
        if not need and not key:
            continue
        message, col = _row_problem(need, key, needs, keys, dimension, seen)
        if message:
            problem(row, col, message)
            continue
        dimension = dimension or keys[key]
        seen[(need, key)] = row
        _read_marks(ws, row, need, key, units, owned, problem)
    if dimension is None and not problems:
        problem(FIRST_ROW, 1, "the sheet has no rows of needs")
    if problems or dimension is None:
        raise ModelError(problems)
    return Sheet(dimension, owned)
