"""The command's formats: Excel-ready CSV for Swedish settings, JSON, the report section."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.conformance.run import run_conformance
from pathways.outputs.conformance import section_html
from pathways.synth.journeylog import synth_log

from .conftest import ROOT


@pytest.fixture(scope="module")
def log(tmp_path_factory, model):
    out = tmp_path_factory.mktemp("log")
    synth_log(model, 60, 5, out)
    return out


def invoke(log, *extra):
    args = [
        "conformance",
        str(log / "logg.csv"),
        "--profiles",
        str(log / "profiler.csv"),
        "--model",
        str(ROOT / "model"),
    ]
    return CliRunner().invoke(app, [*args, *extra])


def test_csv_is_excel_ready_for_swedish_settings(log, tmp_path):
    out = tmp_path / "ut.csv"
    assert invoke(log, "--format", "csv", "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n") > 10
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:3] == ["Grupp", "Värde", "Antal"]
    assert all(line.startswith('"') and line.endswith('"') for line in raw.decode("utf-8-sig").split("\r\n") if line)
    total = rows[1]
    assert total[:3] == ["Totalt", "alla resor", "60"]
    assert "." not in total[3] + total[4] and 0 <= float(total[3].replace(",", ".")) <= 100


def test_json_and_english(log, tmp_path):
    result = invoke(log, "--format", "json", "--lang", "en")
    data = json.loads(result.output)
    assert data["journeys"] == 60 and data["problems"] == []
    english = invoke(log, "--format", "csv", "--lang", "en", "--out", str(tmp_path / "en.csv"))
    assert english.exit_code == 0
    assert (tmp_path / "en.csv").read_text(encoding="utf-8-sig").startswith('"Group","Value","Count"')


def test_per_journey_file_lists_only_pseudonyms_and_deviations(log, tmp_path):
    out = tmp_path / "resor.csv"
    assert invoke(log, "--format", "json", "--journeys", str(out)).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    manifest = json.loads((log / "manifest.json").read_text(encoding="utf-8"))
    assert {r[0] for r in rows[1:] if r[1]} == set(manifest["planted"])
    assert {r[0] for r in rows[1:]} == {f"R{n:07d}" for n in range(1, 61)}


def test_report_section_has_both_charts_and_suppresses(log, model):
    result = run_conformance(model, log / "logg.csv", log / "profiler.csv")
    html = section_html(result, model)
    assert html.count("<svg") == 2
    towns = [g for g in result.summary["groups"] if g["dimension"] == "municipality"]
    assert any(g["count"] == "<5" for g in towns)
    assert "Andel resor utan avvikelse per kommun" in html and "&lt;5" in html
