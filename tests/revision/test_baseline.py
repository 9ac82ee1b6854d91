"""Baselines: written from today's findings, empty justifications refused, stale entries reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pathways.cli.errors import EXIT_WRITE
from pathways.cli.main import app
from pathways.gaps.analyze import find_gaps
from pathways.model.load import load_model
from tests.revision.revise import copy_model, revise

runner = CliRunner()
MODEL = Path("model")


@pytest.fixture(scope="module")
def bundled():
    return find_gaps(load_model(MODEL))


def test_written_baseline_lists_the_findings_shown_with_empty_justifications(tmp_path, bundled):
    path = tmp_path / "baseline.yaml"
    result = runner.invoke(
        app, ["gaps", "--model", str(MODEL), "--severity", "error", "--format", "json", "--write-baseline", str(path)]
    )
    assert result.exit_code == 0, result.output
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["accepted"]
    assert [e["id"] for e in entries] == [f.id for f in bundled if f.severity == "error"]
    assert {e["justification"] for e in entries} == {""}
    refused = runner.invoke(app, ["gaps", "--model", str(MODEL), "--baseline", str(path)])
    assert refused.exit_code == 2
    lines = path.read_text(encoding="utf-8").splitlines()
    first = refused.stderr.splitlines()[0]
    file, line, _col, rest = first.split(":", 3)
    assert file == str(path) and f"id: {entries[0]['id']}" in lines[int(line) - 1]
    assert entries[0]["id"] in rest


def test_filled_baseline_passes_and_rewriting_keeps_the_justifications(tmp_path, bundled):
    path = tmp_path / "baseline.yaml"
    errors = [f for f in bundled if f.severity == "error"]
    path.write_text(
        "accepted:\n" + "".join(f"  - id: {f.id}\n    justification: 'Utreds: {f.rule}'\n" for f in errors),
        encoding="utf-8",
    )
    ok = runner.invoke(
        app, ["gaps", "--model", str(MODEL), "--fail-on", "error", "--baseline", str(path), "--format", "json"]
    )
    assert ok.exit_code == 0, ok.output
    assert ok.stderr == ""
    again = tmp_path / "again.yaml"
    runner.invoke(
        app, ["gaps", "--model", str(MODEL), "--baseline", str(path), "--write-baseline", str(again), "--format", "csv"]
    )
    kept = {e["id"]: e["justification"] for e in yaml.safe_load(again.read_text(encoding="utf-8"))["accepted"]}
    assert set(kept) == {f.id for f in bundled}
    assert all(kept[f.id] == f"Utreds: {f.rule}" for f in errors)
    assert all(kept[f.id] == "" for f in bundled if f.severity != "error")


def test_an_entry_whose_finding_is_gone_is_reported_with_its_line(tmp_path, bundled):
    revised = copy_model(tmp_path / "model")
    revise(revised)
    gone = next(f for f in bundled if f.rule == "PW101" and f.elements == ("bmb", "inneliggande"))
    kept = next(f for f in bundled if f.id != gone.id)
    path = tmp_path / "baseline.yaml"
    path.write_text(
        f"accepted:\n  - id: {kept.id}\n    justification: Känt.\n  - id: {gone.id}\n    justification: Känt.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["gaps", "--model", str(revised), "--baseline", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{path}:4:5: {gone.id}: ")
    accepted = [f["id"] for f in json.loads(result.stdout)["findings"] if "accepted" in f]
    assert accepted == [kept.id]


def test_entries_of_rules_that_did_not_run_are_not_stale(tmp_path, bundled):
    other = next(f for f in bundled if f.rule != "PW101")
    path = tmp_path / "baseline.yaml"
    path.write_text(f"accepted:\n  - id: {other.id}\n    justification: Känt.\n", encoding="utf-8")
    result = runner.invoke(
        app, ["gaps", "--model", str(MODEL), "--rule", "PW101", "--baseline", str(path), "--format", "json"]
    )
    assert result.exit_code == 0
    assert result.stderr == ""


def test_an_unwritable_baseline_is_a_clear_error(tmp_path):
    target = tmp_path / "missing" / "baseline.yaml"
    result = runner.invoke(app, ["gaps", "--model", str(MODEL), "--format", "json", "--write-baseline", str(target)])
    assert result.exit_code == EXIT_WRITE
    assert result.stderr.startswith(f"{target}: ")
    assert not target.parent.exists()
