"""The responsibility matrix in Excel and back: export, edit, import as a scenario, run through whatif."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.model.load import load_model
from pathways.scenarios.apply import apply_scenarios
from pathways.scenarios.load import load_scenario
from pathways.scenarios.matrix import FIRST_ROW, HEAD, MARK, SHEET, grid

runner = CliRunner()
MODEL = Path("model")


@pytest.fixture(scope="module")
def model():
    return load_model(MODEL)


@pytest.fixture
def exported(tmp_path):
    path = tmp_path / "matris.xlsx"
    result = runner.invoke(app, ["matrix", "export", str(path), "--model", str(MODEL), "--group", "alder"])
    assert result.exit_code == 0, result.output
    return path


def _index(ws):
    units = {ws.cell(1, c).value: c for c in range(len(HEAD) + 1, ws.max_column + 1)}
    rows = {(ws.cell(r, 1).value, ws.cell(r, 3).value): r for r in range(FIRST_ROW, ws.max_row + 1)}
    return units, rows


def test_the_sheet_marks_exactly_the_owners_of_the_model(exported, model):
    ws = load_workbook(exported)[SHEET]
    units, rows = _index(ws)
    assert set(units) == {u.id for u in model.units}
    assert set(rows) == {(n.id, f"alder={v.id}") for n in model.needs for v in model.dimensions[0].values}
    marks = {
        (n, g, u): ws.cell(r, c).value for (n, g), r in rows.items() for u, c in units.items() if ws.cell(r, c).value
    }
    assert marks == grid(model, "alder")


def _import(sheet: Path, out: Path):
    return runner.invoke(app, ["matrix", "import", str(sheet), "--out", str(out), "--model", str(MODEL)])


def test_an_unedited_sheet_changes_nothing(exported, tmp_path):
    out = tmp_path / "s.yaml"
    result = _import(exported, out)
    assert result.exit_code == 0
    assert not out.exists()


def test_edited_ownership_becomes_a_scenario_whatif_runs(exported, tmp_path, model):
    wb = load_workbook(exported)
    ws = wb[SHEET]
    units, rows = _index(ws)
    ws.cell(rows[("bmb", "alder=vuxen")], units["vardavdelning"]).value = MARK
    full = next(
        (key, u) for key, r in rows.items() for u, c in units.items() if ws.cell(r, c).value == MARK and key[0] != "bmb"
    )
    (need, group), unit = full
    ws.cell(rows[(need, group)], units[unit]).value = None
    wb.save(exported)
    out = tmp_path / "s.yaml"
    result = _import(exported, out)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["changes"]
    whatif = runner.invoke(app, ["whatif", str(out), "--model", str(MODEL), "--format", "json"])
    assert whatif.exit_code == 0, whatif.output
    doc = json.loads(whatif.stdout)
    gained = [o for o in doc["ownership"] if o["need"] == "bmb" and o["setting"] == "inneliggande"]
    assert gained and all(o["after"] == ["vardavdelning"] and o["before"] == [] for o in gained)
    assert all(p.get("alder", ["vuxen"]) == ["vuxen"] for o in gained for p in o["profiles"])
    lost = [o for o in doc["ownership"] if o["need"] == need and unit in o["before"] and unit not in o["after"]]
    assert lost
    value = group.split("=")[1]
    assert all(p.get("alder", [value]) == [value] for o in lost for p in o["profiles"])
    applied = grid(_applied(model, out), "alder")
    expected = dict(grid(model, "alder"))
    expected.pop((need, group, unit))
    expected[("bmb", "alder=vuxen", "vardavdelning")] = MARK
    assert set(applied) == set(expected)


def _applied(model, path):
    return apply_scenarios(model, [load_scenario(path, model)])


def _broken(exported, edit) -> str:
    wb = load_workbook(exported)
    edit(wb[SHEET])
    wb.save(exported)
    result = _import(exported, exported.with_suffix(".yaml"))
    assert result.exit_code == 2
    assert not exported.with_suffix(".yaml").exists()
    return result.stderr


def test_a_moved_column_is_named_by_its_cell(exported):
    def move(ws):
        ws.move_range("C1:C200", cols=5)

    err = _broken(exported, move)
    assert err.startswith(f"{exported}:{SHEET}!C1: expected the heading 'grupp'")


def test_an_unknown_unit_is_named_by_its_cell(exported):
    err = _broken(exported, lambda ws: setattr(ws.cell(1, 5), "value", "vardcentral-x"))
    assert f"{exported}:{SHEET}!E1: unknown unit 'vardcentral-x'" in err


def test_merged_cells_are_refused(exported):
    err = _broken(exported, lambda ws: ws.merge_cells("D7:E8"))
    assert f"{exported}:{SHEET}!D7: merged cells (D7:E8)" in err


def test_a_strange_mark_and_an_unknown_need_are_each_named(exported):
    def edit(ws):
        ws.cell(5, 6).value = "ja"
        ws.cell(9, 1).value = "no-such-need"

    err = _broken(exported, edit)
    assert f"{exported}:{SHEET}!F5: 'ja' is not a mark" in err
    assert f"{exported}:{SHEET}!A9: unknown need 'no-such-need'" in err


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    bad = tmp_path / "matris.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    result = _import(bad, tmp_path / "s.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:{SHEET}!A1: not an Excel workbook")
