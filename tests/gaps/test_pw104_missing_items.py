"""PW104 handover-missing-items: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"


def test_fires_with_the_missing_items(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path, "pw104_fires"), "PW104")
    assert finding.severity == "warning"
    assert finding.elements == ("h1", "vc", "hsv")
    assert finding.data["missing"] == ["rehab_plan", "temporary_prescription_limit"]
    assert "rehabiliteringsplan, tidsgräns för tillfällig förskrivning" in finding.message["sv"]
    assert "rehab plan, time limit of a temporary prescription" in finding.message["en"]


def test_quiet_when_everything_is_passed(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw104_quiet"), "PW104") == []


def test_bundled_model():
    findings = {f.data["handover"]: f for f in findings_of(load_model(MODEL), "PW104")}
    discharge = findings["ho-utskrivning-kommunal-rehab"]
    assert discharge.data["missing"] == ["rehab_plan", "devices", "temporary_prescription_limit"]
    assert {1, 8} <= set(discharge.grey_zones)
    hab = findings["ho-habiliteringen-avslut-vc"]
    assert hab.data["missing"] == [
        "devices",
        "temporary_prescription_limit",
        "follow_up_responsibility",
        "cost_responsibility",
    ]
    assert 3 in hab.grey_zones
    assert "ho-rehabavdelning-kommunal-rehab" not in findings
