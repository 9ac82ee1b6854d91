"""Every ``--format csv`` reads back as Swedish Excel reads it (BOM, ``;``, CRLF, quoted),
with Swedish headers by default and English ones with ``--lang en``, and the revision
stamp in a last column; every command that prints a result writes it to ``--out`` instead,
whole, and writes nothing when it fails."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from pathways.cli import errors
from pathways.cli.main import app
from pathways.stamp import stamp_of
from tests.excel_csv import read_excel_csv

from .test_cli_structure import MODEL

runner = CliRunner()
SEVERITIES_SV = {"allvarligt", "varning", "upplysning"}


def _csv(*args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return read_excel_csv(result.stdout_bytes.decode("utf-8"))


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """A copy of the bundled model with one unit's label changed, for `diff`."""
    target = tmp_path_factory.mktemp("edited") / "model"
    shutil.copytree(MODEL, target)
    units = target / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("Vårdcentral", "Hälsocentral", 1), encoding="utf-8")
    return target


def test_gaps_csv_in_swedish_and_english():
    swedish = _csv("gaps", "-m", str(MODEL))
    english = _csv("gaps", "-m", str(MODEL), "--lang", "en")
    assert [r["Id"] for r in swedish] == [r["Id"] for r in english] and swedish
    assert {r["Allvar"] for r in swedish} <= SEVERITIES_SV
    assert {r["Severity"] for r in english} <= {"error", "warning", "info"}
    assert {r["Revision"] for r in swedish} == {stamp_of(MODEL).text("sv")}


def test_diff_csv_reads_back(edited):
    rows = _csv("diff", str(MODEL), str(edited))
    changed = [r for r in rows if r["Del"] == "Ändrade element"]
    assert changed and all(r["Id"] for r in changed)
    assert {r["Revision"] for r in rows} == {stamp_of(edited).text("sv")}
    assert {"Section", "Where", "Revision"} <= set(_csv("diff", str(MODEL), str(edited), "--lang", "en")[0])


def test_assumptions_csv_is_the_checklist():
    rows = _csv("assumptions", "-m", str(MODEL))
    table = runner.invoke(app, ["assumptions", "-m", str(MODEL)], env={"COLUMNS": "250"}).stdout
    assert rows and f"({len(rows)})" in table
    assert set(rows[0]) == {"Id", "Slag", "Benämning", "Att bekräfta", "Källa", "Revision"}
    assert all(r["Att bekräfta"] for r in rows)


def test_whatif_csv_reads_back():
    rows = _csv("whatif", "orebro-7-dagar", "-m", str(MODEL))
    assert "Lösta fynd" in {r["Del"] for r in rows}


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "-m", str(MODEL), "--format", "csv"],
        ["gaps", "-m", str(MODEL), "--format", "json"],
        ["gaps", "-m", str(MODEL), "--format", "markdown"],
        ["gaps", "-m", str(MODEL)],
        ["rules"],
        ["explain", "PW101"],
        ["explain", "gz1", "-m", str(MODEL)],
        ["stats", "-m", str(MODEL)],
        ["assumptions", "-m", str(MODEL), "--format", "csv"],
        ["trace", "utskrivning-fredag", "-m", str(MODEL)],
        ["trace", "utskrivning-fredag", "-m", str(MODEL), "--format", "json"],
        ["whatif", "orebro-7-dagar", "-m", str(MODEL), "--format", "csv"],
        ["whatif", "orebro-7-dagar", "-m", str(MODEL)],
    ],
)
def test_out_writes_what_the_terminal_would_show(args, tmp_path):
    shown = runner.invoke(app, args, env={"COLUMNS": "120"})
    target = tmp_path / f"ut-{'x' * 120}.txt"  # longer than the console: the path is printed whole
    written = runner.invoke(app, [*args, "--out", str(target)], env={"COLUMNS": "120"})
    assert shown.exit_code == written.exit_code == 0, written.output
    assert written.stdout == ""
    assert target.read_bytes() == shown.stdout_bytes
    assert str(target) in written.stderr


def test_diff_out(edited, tmp_path):
    target = tmp_path / "diff.md"
    result = runner.invoke(app, ["diff", str(MODEL), str(edited), "--format", "markdown", "--out", str(target)])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# ") and f"Revision: {stamp_of(edited).text('sv')}" in text


def test_out_writes_nothing_when_the_command_fails(tmp_path):
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["gaps", "-m", str(MODEL), "--rule", "PW999", "--format", "csv", "--out", str(target)])
    assert result.exit_code == errors.EXIT_INVALID
    assert not target.exists() and list(tmp_path.iterdir()) == []
