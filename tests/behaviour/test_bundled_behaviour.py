"""The bundled model gives the same findings, ids and traces as at the base of the refactoring.

expected.json was generated from the code before the restructuring (the traces again after the strict trace of issue 11), by running the
commands below and reducing their JSON with reduce.py. A difference here is a change of
behaviour: if it is intended, say so in CHANGELOG.md and regenerate the fixture.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pathways.cli.main import app

from . import reduce

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "model"
EXPECTED = json.loads((Path(__file__).parent / "expected.json").read_text(encoding="utf-8"))


def _json(args: list[str]) -> dict:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(("variant", "extra"), [("plain", ["--no-calendar"]), ("calendar", ["--calendar"])])
def test_findings_and_ids_are_unchanged(variant, extra):
    found = reduce.findings(_json(["gaps", "--model", str(MODEL), "--format", "json", *extra]))
    assert found == EXPECTED["gaps"][variant]


@pytest.mark.parametrize("case", sorted(EXPECTED["traces"]))
def test_traces_are_unchanged(case):
    found = reduce.trace(
        _json(["trace", str(MODEL / "cases" / f"{case}.yaml"), "--model", str(MODEL), "--format", "json"])
    )
    assert found == EXPECTED["traces"][case]


def test_every_bundled_case_has_an_expected_trace():
    assert sorted(p.stem for p in (MODEL / "cases").glob("*.yaml")) == sorted(EXPECTED["traces"])
