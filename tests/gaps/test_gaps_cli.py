"""`pathways gaps`, `rules`, `explain`: formats, filters, exit codes, baseline, configuration."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.gaps.analyze import find_gaps
from pathways.gaps.rules import all_rules
from pathways.model.load import load_model

runner = CliRunner()
MODEL = Path("model")


@pytest.fixture(scope="module")
def bundled():
    return find_gaps(load_model(MODEL))


def _json(*args):
    result = runner.invoke(app, ["gaps", str(MODEL), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["findings"]


def test_json_lists_every_finding_with_sources(bundled):
    findings = _json()
    assert [f["id"] for f in findings] == [f.id for f in bundled]
    for f in findings:
        assert f["rule_source"]
        assert set(f["sources"]) == set(f["elements"])


def test_filters_by_rule_code_or_name_and_severity(bundled):
    only = _json("--rule", "pw101")
    assert {f["rule"] for f in only} == {"PW101"}
    assert len(only) == sum(1 for f in bundled if f.rule == "PW101")
    assert _json("--rule", "uncovered-need") == only
    warnings = _json("--severity", "warning")
    assert {f["severity"] for f in warnings} <= {"warning"}
    assert len(warnings) == sum(1 for f in bundled if f.severity == "warning")


def test_csv_and_markdown_hold_the_same_findings(bundled):
    result = runner.invoke(app, ["gaps", str(MODEL), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert [r["Id"] for r in rows] == [f.id for f in bundled]
    result = runner.invoke(app, ["gaps", str(MODEL), "--format", "markdown", "--lang", "en"])
    lines = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(lines) == len(bundled) + 1
    assert lines[0].startswith("| No | Id | Rule")


def test_fail_on_sets_the_exit_code(bundled):
    assert any(f.severity == "error" for f in bundled)
    assert runner.invoke(app, ["gaps", str(MODEL), "--fail-on", "error", "--format", "json"]).exit_code == 1
    quiet = runner.invoke(app, ["gaps", str(MODEL), "--fail-on", "error", "--severity", "info", "--format", "json"])
    assert quiet.exit_code == 0


def test_baseline_accepts_findings_so_only_new_ones_fail(tmp_path, bundled):
    errors = [f for f in bundled if f.severity == "error"]
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(
        "accepted:\n" + "".join(f"  - id: {f.id}\n    justification: Utreds i målbildsarbetet.\n" for f in errors),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["gaps", str(MODEL), "--fail-on", "error", "--baseline", str(baseline), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    accepted = [f for f in json.loads(result.stdout)["findings"] if "accepted" in f]
    assert {f["id"] for f in accepted} == {f.id for f in errors}
    baseline.write_text(
        "accepted:\n" + "".join(f"  - id: {f.id}\n    justification: ok\n" for f in errors[1:]), encoding="utf-8"
    )
    assert runner.invoke(app, ["gaps", str(MODEL), "--fail-on", "error", "--baseline", str(baseline)]).exit_code == 1


def test_baseline_without_justification_is_refused(tmp_path):
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text("accepted:\n  - id: PW101-x\n    justification: ' '\n", encoding="utf-8")
    result = runner.invoke(app, ["gaps", str(MODEL), "--baseline", str(baseline)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"{baseline}:2:5: PW101-x: the justification is empty; say why the finding is accepted"
    )


def test_rule_configuration_disables_and_sets_severity(tmp_path, bundled):
    copy = tmp_path / "model"
    shutil.copytree(MODEL, copy, ignore=shutil.ignore_patterns("cases", "scenarios"))
    (copy / "rules.yaml").write_text("rules:\n  PW101: {enabled: false}\n  PW102: {severity: info}\n", encoding="utf-8")
    result = runner.invoke(app, ["gaps", str(copy), "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    assert not any(f["rule"] == "PW101" for f in findings)
    assert {f["severity"] for f in findings if f["rule"] == "PW102"} == {"info"}
    assert len(findings) == sum(1 for f in bundled if f.rule != "PW101")


def test_rule_configuration_errors_name_file_and_line(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(MODEL, copy, ignore=shutil.ignore_patterns("cases", "scenarios"))
    (copy / "rules.yaml").write_text("rules:\n  PW999: {enabled: false}\n  PW102: {severity: loud}\n", encoding="utf-8")
    result = runner.invoke(app, ["gaps", str(copy)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{copy}/rules.yaml:2:3: PW999: unknown rule code; known: PW101")
    assert lines[1] == f"{copy}/rules.yaml:3:11: PW102: 'severity' is one of info, warning, error"
    assert "Traceback" not in result.output


def test_unknown_rule_filter_is_an_error():
    result = runner.invoke(app, ["gaps", str(MODEL), "--rule", "PW999"])
    assert result.exit_code == 2
    assert "unknown rule 'PW999'" in result.stderr


def test_rules_lists_the_catalogue_and_explain_shows_one():
    listing = runner.invoke(app, ["rules"]).stdout
    for r in all_rules():
        assert r.code in listing
    for r in all_rules():
        text = runner.invoke(app, ["explain", r.code, "--lang", "en"]).stdout
        assert r.code in text and r.name in text
    sv = runner.invoke(app, ["explain", "uncovered-need"]).stdout
    assert "faller mellan stolarna" in sv
