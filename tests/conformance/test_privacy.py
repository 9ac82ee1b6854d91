"""A log with personal data is refused, by position, without repeating what was found."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pathways.cases.yamlfile import personal_data_in
from pathways.cli.main import app
from pathways.conformance.privacy import screen_bytes
from pathways.conformance.problems import BadInput
from pathways.conformance.run import Options, run_conformance
from pathways.model.errors import ModelError

from .conftest import ROOT, write_log, write_profiles

DIGITS = "1212" + "12"
"""Pieces of Skatteverket's test identity, joined at run time, so no number is written here."""
NUMBERS = [
    "19" + DIGITS + "-1212",
    DIGITS + "-1212",
    "19" + DIGITS + "1212",
    DIGITS + "1212",
    "1912" + "1272" + "-1212",  # samordningsnummer: day + 60
    DIGITS + "+1212",
]
OK = "A;2026-03-02;inskrivning;vardavdelning;;;;"


@pytest.mark.parametrize("number", NUMBERS)
def test_a_personnummer_anywhere_is_refused_with_its_position(tmp_path, model, number):
    log = write_log(tmp_path / "logg.csv", [OK, f"A;2026-03-03;utskrivning;vardavdelning;;;;ring {number}"])
    with pytest.raises(ModelError) as exc:
        run_conformance(model, log, write_profiles(tmp_path / "p.csv", {"A": "nej"}))
    (problem,) = exc.value.problems
    assert (problem.file, problem.line, problem.col) == (str(log), 3, 48)
    assert number not in str(problem) and DIGITS not in str(problem)


def test_an_e_mail_and_a_name_column_are_refused(tmp_path, model):
    address = "vardare" + "@" + "example.se"
    header = "resa;datum;händelse;enhet;kommun;behov;överlämning;anteckning;Namn"
    log = write_log(tmp_path / "logg.csv", [OK + ";x", f"A;2026-03-03;avslut;vardavdelning;;;;{address};x"], header)
    with pytest.raises(ModelError) as exc:
        run_conformance(model, log, write_profiles(tmp_path / "p.csv", {"A": "nej"}))
    assert [(p.line, p.col) for p in exc.value.problems] == [(1, 63), (3, 38)]
    assert all(address not in str(p) for p in exc.value.problems)


def test_the_command_refuses_without_echo_and_writes_nothing(tmp_path):
    number = "19" + DIGITS + "-1212"
    log = write_log(tmp_path / "logg.csv", [f"{number};2026-03-02;inskrivning;vardavdelning;;;;"])
    out = tmp_path / "ut.json"
    result = CliRunner().invoke(
        app, ["conformance", str(log), "--model", str(ROOT / "model"), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert f"{log}:2:1:" in result.output
    assert number not in result.output and not out.exists()
    assert list(tmp_path.iterdir()) == [log]


def test_small_figures_are_suppressed_and_the_threshold_has_a_floor(tmp_path, model):
    log = write_log(tmp_path / "logg.csv", [OK])
    prof = write_profiles(tmp_path / "p.csv", {"A": "nej"})
    low = run_conformance(model, log, prof, options=Options(threshold=3)).summary
    assert low["journeys"] == "<3" and all(g["count"] == "<3" for g in low["groups"])
    with pytest.raises(ValueError):
        run_conformance(model, log, prof, options=Options(threshold=2))


PIECES = st.sampled_from(["1", "2", "0", "9", "-", "+", " ", ";", "\n", "@", "a", "x.se", "ö", "19", "121212", "1212"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_the_fast_screen_finds_what_the_shared_patterns_find_line_by_line(text):
    sink = BadInput()
    screen_bytes(text.encode(), "f", 1, sink)
    expected = [(n, col) for n, line in enumerate(text.split("\n"), 1) for col, _ in personal_data_in(line)]
    assert sorted((p.line, p.col) for p in sink.personal) == sorted(expected)
