"""The command's formats: Excel-ready CSV for Swedish settings, JSON, the report section."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.conformance.run import run_conformance
from pathways.outputs.conformance import NAMES
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


def test_table_out_writes_the_tables_as_text(log, tmp_path):
    out = tmp_path / "ut.txt"
    assert invoke(log, "--out", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Uppföljning av verkliga resor" in text and "Kommun" in text and "\x1b[" not in text


def expected_on_handovers(model, manifest) -> dict[str, object]:
    """Per handover, the planted deviations there (its own, and its SIP point's), "<5" under five journeys."""
    sip_at = {s.id: s.at for s in model.sip_points}
    counts: Counter = Counter()
    for planted in manifest["planted"].values():
        for kind, element in planted:
            if kind in ("no-acceptance", "info-not-passed"):
                counts[element] += 1
            elif kind.startswith("sip-"):
                counts[sip_at[element]] += 1
    return {h: n if n >= 5 else "<5" for h, n in counts.items()}


def test_the_report_has_the_section_its_charts_and_the_overview_with_deviation_counts(log, model, tmp_path):
    out = tmp_path / "rapport"
    args = ["report", "--model", str(ROOT / "model"), "--out", str(out), "--no-cases", "--no-scenarios"]
    args += ["--format", "html,md,docx,xlsx", "--log", str(log / "logg.csv"), "--profiles", str(log / "profiler.csv")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    html = (out / "rapport.html").read_text(encoding="utf-8")
    section = html[html.index('id="fler-uppfoljning"') : html.index('id="antaganden"')]
    assert [n for n in NAMES if f'id="fig-{n}"' in section] == list(NAMES)
    assert "&lt;5" in section and "Median ledtid (dagar)" in section

    manifest = json.loads((log / "manifest.json").read_text(encoding="utf-8"))
    expected = expected_on_handovers(model, manifest)
    assert expected and any(v == "<5" for v in expected.values())
    svg = (out / "bilder" / "conformance_overview.svg").read_text(encoding="utf-8")
    marks = re.findall(r"⚠ (&lt;5|\d+) avvikelser", svg)
    assert sorted(m.replace("&lt;", "<") for m in marks) == sorted(str(v) for v in expected.values())

    summary = run_conformance(model, log / "logg.csv", log / "profiler.csv").summary
    towns = [g for g in summary["groups"] if g["dimension"] == "municipality"]
    bars = (out / "bilder" / "conformance_within.svg").read_text(encoding="utf-8")
    suppressed = sum(1 for g in towns if g["within"] == "<5")
    assert suppressed > 0 and bars.count("&lt;5 (av &lt;5)") == suppressed
    for g in towns:
        if g["within"] != "<5":
            assert f"{g['within'] * 100:.0f} % (av {g['count']})" in bars

    md = (out / "rapport.md").read_text(encoding="utf-8")
    assert all(f"(bilder/{n}.png)" in md for n in NAMES)
    captions = [p.text for p in Document(str(out / "rapport.docx")).paragraphs if p.style.name == "Caption"]
    assert "Andel resor utan avvikelse per kommun" in captions
    book = load_workbook(out / "rapport.xlsx")
    first = next(ws for ws in book.worksheets if ws.title.startswith("Uppföljning"))
    assert [c.value for c in first[1]] == [
        "Grupp",
        "Värde",
        "Antal",
        "Andel inom gränsen",
        "Median ledtid (dagar)",
        "90:e percentil (dagar)",
    ]
