"""PW105 no-acceptance-gate: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"


def test_fires_for_a_handover_without_gate(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path, "pw105_fires"), "PW105")
    assert finding.severity == "warning"
    assert finding.elements == ("h2", "hsv", "vc")
    assert finding.profiles == ({"besok": ["kan"]},)
    assert "acceptansbedömning" in finding.message["sv"]


def test_quiet_when_every_handover_has_a_gate(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw105_quiet"), "PW105") == []
    assert findings_of(fixture_model(tmp_path), "PW105") == []


def test_bundled_model():
    findings = {f.data["handover"]: f for f in findings_of(load_model(MODEL), "PW105")}
    assert set(findings) == {
        "ho-utskrivning-kommunal-rehab",
        "ho-vc-hanvisning-kommunal-rehab",
        "ho-habiliteringen-avslut-vc",
    }
    assert {5, 6} <= set(findings["ho-vc-hanvisning-kommunal-rehab"].grey_zones)
    assert 3 in findings["ho-habiliteringen-avslut-vc"].grey_zones
