"""PW112 cost-shifting: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"


def test_fires_without_rule_other_payer_and_partial_rule(tmp_path):
    findings = {f.data["responsibility"]: f for f in findings_of(fixture_model(tmp_path, "pw112_fires"), "PW112")}
    assert {r: (f.data["reason"], f.data["needs"]) for r, f in findings.items()} == {
        "r-unit": ("no_rule", ["behandling"]),
        "r-other": ("other_payer", ["behandling"]),
        "r-partial": ("needs_not_covered", ["uppfoljning"]),
    }
    assert findings["r-unit"].elements == ("r-unit", "hsv", "vc")
    assert findings["r-partial"].elements == ("r-partial", "hsv", "region", "kr-region-beh")
    assert all(f.severity == "warning" for f in findings.values())


def test_quiet_when_the_owner_pays_or_a_rule_says_so(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw112_quiet"), "PW112") == []


def test_bundled_model_rent_after_habilitation():
    (finding,) = [
        f for f in findings_of(load_model(MODEL), "PW112") if f.data["responsibility"] == "ansvar-hyra-efter-hab-avslut"
    ]
    assert finding.data["reason"] == "no_rule"
    assert finding.data["payer"] == "habiliteringen"
    assert finding.grey_zones == (3,)
