"""PW108 receiver-does-not-own: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"


def _cubes(cubes):
    return sorted(sorted((d, tuple(v)) for d, v in c.items()) for c in cubes)


def test_fires_for_patients_the_receiver_does_not_own(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path, "pw108_fires"), "PW108")
    assert finding.severity == "warning"
    assert finding.elements == ("h1", "hsv", "vc")
    # home healthcare works only at home: patients who can visit a clinic get nothing,
    # children at home get treatment but no follow-up
    assert _cubes(finding.profiles) == _cubes([{"besok": ["kan"]}, {"alder": ["barn"]}])
    assert finding.data["needs"] == {
        "behandling": [{"besok": ["kan"]}],
        "uppfoljning": finding.data["needs"]["uppfoljning"],
    }
    assert _cubes(finding.data["needs"]["uppfoljning"]) == _cubes([{"besok": ["kan"]}, {"alder": ["barn"]}])
    assert finding.data["owns_none"] == [{"besok": ["kan"]}]


def test_quiet_when_the_receiver_owns_what_it_gets(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw108_quiet"), "PW108") == []


def test_base_fixture_sends_clinic_patients_home(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path), "PW108")
    assert finding.profiles == ({"besok": ["kan"]},)


def test_bundled_model_guidance_to_municipal_rehab():
    findings = {f.data["handover"]: f for f in findings_of(load_model(MODEL), "PW108")}
    finding = findings["ho-vc-hanvisning-kommunal-rehab"]
    assert {5, 6} <= set(finding.grey_zones)
    # patients who can visit a clinic, sent to rehab at home
    assert {"alder": ["vuxen"], "boende": ["ordinart"], "besok": ["kan"]} in finding.profiles
    assert {"alder": ["vuxen"], "boende": ["ordinart"], "besok": ["kan"]} in finding.data["owns_none"]
    hab = findings["ho-habiliteringen-avslut-vc"]
    assert 3 in hab.grey_zones
    assert "hjm-uppfoljning" in hab.data["needs"]
