"""The issue's check, as an outsider would run it: a log written by hand, not by synth-log.

``outsider/`` holds a log of nine discharges from a ward to municipal home healthcare
(route 3), exported from two made-up source systems with their own codes (the region's
VårdSys, the municipality's OmsorgPlus), its profile table, and the mapping file. The
deviations were planted by hand:

- J03: the municipality never acknowledged the handover (no KVITT row);
- J05: the SIP meeting and its call on day 9, not within 3 days of the ready-for-discharge
  notice on day 3 (Lag 2017:612 counts from the notice): 3 days late;
- J08: no information row at the discharge;
- J09: no admission notice (no IMED row);
- the other five keep every limit.

The figures below are counted by hand from the file (lead time: first to last row).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from pathways.cli.main import app

from .conftest import ROOT
from .test_privacy import DIGITS

HERE = Path(__file__).parent / "outsider"
CLEAN = ("J01", "J02", "J04", "J06", "J07")


def run(log: Path, *extra: str, tmp_path: Path):
    args = ["conformance", str(log), "--profiles", str(HERE / "profiler.csv"), "--mapping", str(HERE / "mappning.yaml")]
    args += ["--model", str(ROOT / "model"), "--journeys", str(tmp_path / "resor.csv"), *extra]
    return CliRunner().invoke(app, args)


def test_exactly_the_planted_deviations_and_the_figures_counted_by_hand(tmp_path):
    result = run(HERE / "logg.csv", "--format", "json", "--min-journeys", "3", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "resor.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    found = sorted((r[0], r[2], r[3]) for r in rows[1:] if r[1])
    assert found == [
        ("J03", "ho-utskrivning-hemsjukvard", ""),
        ("J05", "sip-utskrivning", ""),
        ("J05", "steg-sip-3-dagar", "3"),
        ("J08", "ho-utskrivning-hemsjukvard", ""),
        ("J09", "steg-inskrivningsmeddelande", ""),
    ]
    assert sorted(r[0] for r in rows[1:] if not r[1]) == list(CLEAN)
    data = json.loads(result.stdout)
    assert data["problems"] == [] and data["unmapped"] == []
    groups = {(g["dimension"], g["key"]): (g["count"], g["within"], g["median"], g["p90"]) for g in data["groups"]}
    # Falun: J01-J06, two with deviations (J03, J05); lead times 6,6,6,6,9,6 days.
    assert groups[("municipality", "kommun-falun")] == (6, 0.667, 6, 9)
    # Borlänge: J07-J09, one clean; every lead time 6 days.
    assert groups[("municipality", "kommun-borlange")] == (3, 0.333, 6, 6)
    assert groups[("total", "")] == (9, 0.556, 6, 9)
    assert groups[("month", "2026-05")] == groups[("municipality", "kommun-borlange")]
    # The SIP call within 3 days of the discharge: 1 day in eight journeys, 5 days in J05.
    assert groups[("step", "steg-sip-3-dagar")] == (9, 0.889, 2, 6)
    assert groups[("deviation", "no-acceptance")][0] == "<3", "one journey: suppressed"
    segments = {s["key"]: (s["count"], s["median"], s["p90"]) for s in data["segments"]}
    assert segments == {
        "admission-ready": (9, 3, 3),
        "ready-discharge": (9, 1, 1),
        "discharge-first-visit": (9, 2, 2),
        "admission-first-visit": (9, 6, 6),
    }
    assert data["handover_deviations"] == {"ho-utskrivning-hemsjukvard": 3}, "J03, J05 (its SIP), J08"


def test_with_the_default_threshold_every_small_figure_is_suppressed(tmp_path):
    data = json.loads(run(HERE / "logg.csv", "--format", "json", tmp_path=tmp_path).stdout)
    groups = {(g["dimension"], g["key"]): g for g in data["groups"]}
    assert groups[("municipality", "kommun-borlange")]["within"] == "<5"
    assert groups[("municipality", "kommun-falun")]["within"] == 0.667
    assert data["handover_deviations"] == {"ho-utskrivning-hemsjukvard": "<5"}


def test_personal_data_is_refused_by_position_without_echo(tmp_path):
    lines = (HERE / "logg.csv").read_text(encoding="utf-8").splitlines()
    number, address = "19" + DIGITS + "-1212", "syster" + "@" + "exempel.se"
    for i, (where, text) in enumerate([(5, number), (9, address)]):
        cells = lines[where - 1].split(";")
        cells[7] = f"ring {text}"
        lines[where - 1] = ";".join(cells)
        log = tmp_path / f"logg{i}.csv"
        log.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run(log, "--format", "json", "--out", str(tmp_path / "ut.json"), tmp_path=tmp_path)
        assert result.exit_code == 2
        assert f"{log}:{where}:{lines[where - 1].index(text) + 1}:" in result.output
        assert number not in result.output and address not in result.output
        assert not (tmp_path / "ut.json").exists() and not (tmp_path / "resor.csv").exists()
        lines = (HERE / "logg.csv").read_text(encoding="utf-8").splitlines()
    named = tmp_path / "namn.csv"
    named.write_text("\n".join([lines[0] + ";Namn", *(line + ";x" for line in lines[1:3])]) + "\n", encoding="utf-8")
    result = run(named, tmp_path=tmp_path)
    assert result.exit_code == 2 and f"{named}:1:{len(lines[0]) + 2}:" in result.output


def test_bad_rows_one_line_each_a_summary_and_strict_is_fatal(tmp_path):
    lines = (HERE / "logg.csv").read_text(encoding="utf-8").splitlines()
    bad = list(lines)
    bad[2] = bad[2].replace("IMED", "IMEDX")  # line 3: a code no mapping knows
    bad[5] = bad[5].replace("2026-04-09", "2026-04-31")  # line 6: not a date
    bad[20] = bad[20].replace("2026-04-12", "2026-04-01")  # line 21: before the row above it
    bad.append("J99;2026-06-01;INL;AVD-33;2080;;;;vardsys")  # line 116: a journey without a profile
    log = tmp_path / "logg.csv"
    log.write_text("\n".join(bad) + "\n", encoding="utf-8")
    result = run(log, "--format", "json", "--out", str(tmp_path / "ut.json"), tmp_path=tmp_path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith(f"{log}:")]
    assert [e.split(":")[1] for e in errors] == ["3", "6", "21", "116", "3"], "each row, then the unmapped code"
    assert "4 rader utelämnade / rows left out: bad-date 1, no-profile 1, out-of-order 1, unknown-kind 1" in (
        result.stderr
    )
    data = json.loads((tmp_path / "ut.json").read_text(encoding="utf-8"))
    assert data["groups"][0]["count"] == 9, "the other rows still analysed"
    strict = run(log, "--strict", "--format", "json", "--out", str(tmp_path / "s.json"), tmp_path=tmp_path)
    assert strict.exit_code == 2 and f"{log}:3:" in strict.output and not (tmp_path / "s.json").exists()
