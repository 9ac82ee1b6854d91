"""Findings point to the fix: file:line of their elements in every format; explain by finding id and grey zone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app
from pathways.gaps.analyze import find_gaps
from pathways.model.load import load_model
from tests.revision.revise import line_of

runner = CliRunner()
MODEL = Path("model")
WIDE = {"COLUMNS": "300"}


@pytest.fixture(scope="module")
def bundled():
    return find_gaps(load_model(MODEL))


def _line_holds_id(where: str, element_id: str) -> bool:
    file, line = where.rsplit(":", 1)
    return f"id: {element_id}" in Path(file).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_json_names_each_element_with_the_line_it_is_defined_on(bundled):
    result = runner.invoke(app, ["gaps", "--model", str(MODEL), "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    assert [f["id"] for f in findings] == [f.id for f in bundled]
    for f in findings:
        assert set(f["where"]) == set(f["elements"])
        assert all(_line_holds_id(at, e) for e, at in f["where"].items())


def test_csv_markdown_and_table_carry_the_places(bundled):
    first = bundled[0]
    place = f"{first.elements[0]} (model/{_file_of(first.elements[0])}:{line_of(MODEL / _file_of(first.elements[0]), 'id: ' + first.elements[0])})"
    text = runner.invoke(app, ["gaps", "--model", str(MODEL), "--format", "csv", "--lang", "en"]).stdout.lstrip(
        "\ufeff"
    )
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert place in rows[0]["Elements"]
    assert place in runner.invoke(app, ["gaps", "--model", str(MODEL), "--format", "markdown"]).stdout
    table = runner.invoke(app, ["gaps", "--model", str(MODEL)], env=WIDE).stdout
    assert place.replace(" (", ": ").rstrip(")") in table


def _file_of(element_id: str) -> str:
    model = load_model(MODEL)
    return Path(model.origin(element_id).file).name


def test_explain_a_finding_id_shows_the_finding_its_elements_and_the_fix(bundled):
    f = next(x for x in bundled if x.rule == "PW103")
    out = runner.invoke(app, ["explain", f.id, "--lang", "en"], env=WIDE)
    assert out.exit_code == 0, out.output
    text = " ".join(out.stdout.split())
    assert " ".join(f.message["en"].split()) in text
    model = load_model(MODEL)
    for e in f.elements:
        origin = model.origin(e)
        assert f"{origin.file}:{origin.where()[0]}" in text
    assert "What would resolve it: Fix" in text


def test_explain_a_grey_zone_lists_its_elements_and_findings(bundled):
    model = load_model(MODEL)
    zone = model.grey_zones[0]
    touching = [f.id for f in bundled if zone.number in f.grey_zones]
    tagged = [e.id for _, e in model.elements() if zone.id in (getattr(e, "grey_zones", None) or ())]
    assert touching and tagged
    for ref in (zone.id, str(zone.number)):
        out = runner.invoke(app, ["explain", ref], env=WIDE)
        assert out.exit_code == 0, out.output
        assert all(fid in out.stdout for fid in touching)
        assert all(eid in out.stdout for eid in tagged)
        others = [f.id for f in bundled if zone.number not in f.grey_zones]
        assert not any(fid in out.stdout for fid in others)


def test_explain_a_rule_code_still_works_and_unknowns_are_refused():
    assert runner.invoke(app, ["explain", "PW101"]).stdout.startswith("PW101 uncovered-need")
    gone = runner.invoke(app, ["explain", "PW101-0000000000"])
    assert gone.exit_code == 2 and "PW101-0000000000" in gone.stderr
    unknown = runner.invoke(app, ["explain", "nonsense"])
    assert unknown.exit_code == 2 and "nonsense" in unknown.stderr


def test_places_in_a_model_read_without_positions_are_found_by_scanning(tmp_path):
    out = tmp_path / "synth"
    assert (
        runner.invoke(
            app, ["synth", "--regions", "1", "--municipalities", "3", "--seed", "7", "--out", str(out)]
        ).exit_code
        == 0
    )
    model = load_model(out)
    assert any(type(o.node).__name__ == "LazyNode" for o in model.origins.values())
    result = runner.invoke(app, ["gaps", "--model", str(out), "--format", "json"])
    findings = json.loads(result.stdout)["findings"]
    assert findings
    for f in findings:
        assert set(f["where"]) == set(f["elements"])
        for e, at in f["where"].items():
            file, line = at.rsplit(":", 1)
            assert f'"id": "{e}"' in Path(file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
