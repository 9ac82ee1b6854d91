"""PW102 overlap: fixtures and the bundled model."""

from __future__ import annotations

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model


def test_fires_for_two_kinds_owning_the_same_need(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path, "pw102_fires"), "PW102")
    assert set(finding.elements) == {"vc", "spec", "r-vc", "r-spec"}
    assert finding.profiles == ({"alder": ["barn"], "besok": ["kan"]},)
    assert finding.data["needs"] == {"behandling": ["mottagning"]}


def test_quiet_with_a_coordination_rule(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw102_quiet"), "PW102") == []


def test_coordination_rule_limited_to_adults_leaves_children(tmp_path):
    rule = [
        {
            "id": "remiss",
            "needs": ["behandling"],
            "owners": ["vc", "spec"],
            "profile": {"alder": ["vuxen"]},
            "text": "Remiss",
            "label": {"sv": "R", "en": "R"},
            "source": {"doc": "src"},
            "status": "agreement",
        }
    ]
    (finding,) = findings_of(fixture_model(tmp_path, "pw102_fires", coordination_rules=rule), "PW102")
    assert finding.profiles == ({"alder": ["barn"], "besok": ["kan"]},)


def test_disjoint_time_windows_do_not_overlap(tmp_path):
    import yaml

    from tests.gaps.fixture import FIXTURES

    resps = yaml.safe_load((FIXTURES / "pw102_fires.yaml").read_text())["responsibilities"]
    resps[0]["window"] = {"event": "utskrivning", "end_day": 0}
    resps[1]["window"] = {"event": "utskrivning", "start_day": 1}
    assert findings_of(fixture_model(tmp_path, "pw102_fires", responsibilities=resps), "PW102") == []


def test_bundled_model_autism_boundary_is_an_overlap_in_grey_zone_4():
    findings = findings_of(load_model("model"), "PW102")
    autism = [f for f in findings if any(c.get("diagnos") == ["npf"] for c in f.profiles)]
    assert {frozenset(f.data["kinds"]) for f in autism} >= {frozenset({"primary_care_rehab", "adult_psychiatry"})}
    assert all(4 in f.grey_zones for f in autism)
