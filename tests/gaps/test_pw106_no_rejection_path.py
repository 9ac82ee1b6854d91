"""PW106 no-rejection-path: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"


def test_fires_for_no_path_back_to_receiver_and_dead_end(tmp_path):
    findings = {f.data["handover"]: f for f in findings_of(fixture_model(tmp_path, "pw106_fires"), "PW106")}
    assert {h: f.data["reason"] for h, f in findings.items()} == {
        "h-none": "none",
        "h-self": "receiver",
        "h-dead": "dead_end",
    }
    assert findings["h-dead"].elements == ("h-dead", "vc", "hsv", "spec")
    assert findings["h-dead"].data["on_reject_to"] == "spec"
    assert findings["h-self"].elements == ("h-self", "vc", "hsv")
    assert "Specialistmottagning" in findings["h-dead"].message["sv"]
    assert all(f.severity == "warning" for f in findings.values())


def test_quiet_with_owner_onward_handover_or_escalation(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw106_quiet"), "PW106") == []
    assert findings_of(fixture_model(tmp_path), "PW106") == []


def test_bundled_model():
    findings = {f.data["handover"]: f for f in findings_of(load_model(MODEL), "PW106")}
    assert findings["ho-utskrivning-kommunal-rehab"].data["reason"] == "none"
    assert findings["ho-habiliteringen-avslut-vc"].data["reason"] == "none"
    # adult psychiatry takes a rejected patient back but owns no follow-up and hands on nowhere
    assert findings["ho-vuxenpsykiatri-primarvardsrehab"].data["reason"] == "dead_end"
    assert "ho-vc-hemsjukvard" not in findings
