"""PW107 guidance-without-request: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"


def test_fires_for_guidance(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path, "pw107_fires"), "PW107")
    assert finding.severity == "warning"
    assert finding.elements == ("h-guide", "vc", "hsv")
    assert finding.profiles == ({"alder": ["vuxen"]},)
    assert "utan skriftlig vårdbegäran" in finding.message["sv"]


def test_quiet_for_other_modes(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw107_quiet"), "PW107") == []


def test_bundled_model_grey_zone_5():
    (finding,) = findings_of(load_model(MODEL), "PW107")
    assert finding.data["handover"] == "ho-vc-hanvisning-kommunal-rehab"
    assert {5, 6} <= set(finding.grey_zones)
