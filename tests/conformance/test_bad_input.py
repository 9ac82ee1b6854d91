"""Bad rows: one line each with its position, a count, the rest analysed; --strict stops."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.conformance.run import Options, run_conformance
from pathways.model.errors import ModelError

from .conftest import ROOT, write_log, write_profiles

ROWS = [
    "A;2026-03-02;inskrivning;vardavdelning;kommun-falun;;;",
    "A;2026-03-05;frukost;vardavdelning;;;;",
    "A;2026-03-32;utskrivning;vardavdelning;;;;",
    "A;2026-03-01;avslut;vardavdelning;;;;",
    "A;2026-03-06;utskrivning;vardavdelning;;;;",
    "B;2026-03-02;inskrivning;vardavdelning;;;;",
    "C;2026-04-02;inskrivning;vardavdelning;;;;",
    "A;2026-04-03;avslut;vardavdelning;;;;",
]


def test_each_bad_row_is_one_positioned_line_and_the_rest_is_analysed(tmp_path, model):
    log = write_log(tmp_path / "logg.csv", ROWS)
    prof = write_profiles(tmp_path / "p.csv", {"A": "nej", "C": "nej"})
    result = run_conformance(model, log, prof, options=Options(threshold=3))
    where = [(p.line, p.col, p.message.split(";")[0]) for p in result.problems]
    assert where == [
        (3, 14, "unknown event kind"),
        (4, 3, "not a date"),
        (5, 3, "events out of order: 2026-03-01 comes after 2026-03-02 in this journey"),
        (7, 1, "the journey has no profile in the profile table (--profiles)"),
        (
            9,
            1,
            "this journey's rows are not together: the log must be sorted by journey (the row is left out) / "
            "loggen ska vara sorterad per resa",
        ),
    ]
    assert result.problem_counts == {
        "unknown-kind": 1,
        "bad-date": 1,
        "out-of-order": 1,
        "no-profile": 1,
        "unsorted": 1,
    }
    months = {g["key"]: g for g in result.summary["groups"] if g["dimension"] == "month"}
    assert set(months) == {"2026-03", "2026-04"}


def test_strict_makes_the_first_bad_row_fatal(tmp_path, model):
    log = write_log(tmp_path / "logg.csv", ROWS)
    prof = write_profiles(tmp_path / "p.csv", {"A": "nej", "C": "nej"})
    with pytest.raises(ModelError) as exc:
        run_conformance(model, log, prof, options=Options(strict=True))
    assert [p.line for p in exc.value.problems] == [3]


def test_the_command_reports_rows_left_out_with_a_count(tmp_path):
    log = write_log(tmp_path / "logg.csv", ROWS)
    prof = write_profiles(tmp_path / "p.csv", {"A": "nej", "C": "nej"})
    args = ["conformance", str(log), "--profiles", str(prof), "--model", str(ROOT / "model"), "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert f"{log}:4:3: -: not a date" in result.output
    assert "5 rader utelämnade / rows left out" in result.output
    strict = CliRunner().invoke(app, [*args, "--strict"])
    assert strict.exit_code == 2 and f"{log}:3:14:" in strict.output


def test_an_unknown_column_is_named_and_not_read(tmp_path, model):
    log = write_log(
        tmp_path / "logg.csv", [ROWS[0] + ";x"], "resa;datum;händelse;enhet;kommun;behov;överlämning;anteckning;ålder"
    )
    result = run_conformance(model, log, write_profiles(tmp_path / "p.csv", {"A": "nej"}), options=Options(threshold=3))
    assert [(p.line, p.col) for p in result.problems] == [(1, 63)]
    assert result.summary["groups"][0]["count"] == "<3"


def test_a_log_that_is_not_utf8_is_refused_with_one_line(tmp_path):
    log = tmp_path / "logg.csv"
    log.write_bytes("resa;datum;händelse\nA;2026-01-01;inskrivning\n".encode("latin-1"))
    result = CliRunner().invoke(app, ["conformance", str(log), "--model", str(ROOT / "model")])
    assert result.exit_code == 2 and f"{log}:1:1: -: not UTF-8" in result.output
