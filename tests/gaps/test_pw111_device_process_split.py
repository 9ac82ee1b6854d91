"""PW111 device-process-split: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"


def test_fires_for_steps_no_one_takes_over(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path, "pw111_fires"), "PW111")
    assert finding.severity == "error"
    assert finding.data["responsibility"] == "r-avd"
    # the needs assessment at home: home healthcare starts on day 5, the ward's own later
    # responsibility does not count, and the one after a care request counts from another event
    assert finding.data["steps"] == {"hjm-behov": [{"besok": ["kan-inte"]}]}
    assert finding.profiles == ({"besok": ["kan-inte"]},)
    assert finding.elements == ("r-avd", "avd", "hjm-behov", "h-avd")
    assert finding.grey_zones == (8,)
    assert finding.data["taken_over_by"] == ["r-hsv", "r-vc"]


def test_quiet_when_every_step_is_taken_over(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw111_quiet"), "PW111") == []


def test_bundled_model_habilitation_and_ward():
    findings = {f.data["responsibility"]: f for f in findings_of(load_model(MODEL), "PW111")}
    hab = findings["ansvar-habiliteringen-hyreshjm"]
    assert 3 in hab.grey_zones
    assert hab.data["steps"]["hjm-uppfoljning"] == [{"diagnos": ["habilitering"]}]
    # the rent is taken by the health centre, but only for patients who can visit it
    assert hab.data["steps"]["hjm-hyra"] == [{"besok": ["kan-inte"], "diagnos": ["habilitering"]}]
    ward = findings["ansvar-vardavdelning"]
    assert 8 in ward.grey_zones
    assert {"hjm-uppfoljning", "hjm-hyra"} <= set(ward.data["steps"])
    assert "hjm-utprovning" not in ward.data["steps"]  # the device centre fits for everyone
