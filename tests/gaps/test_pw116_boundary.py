"""PW116 boundary: profile boundaries with no crossing handover and no coordination rule for them."""

from __future__ import annotations

from pathlib import Path

import yaml

from pathways.gaps.core import finding_id
from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"
FIXTURES = Path(__file__).parent / "fixtures"


def test_fires(tmp_path):
    found = findings_of(fixture_model(tmp_path, "pw116_fires"), "PW116")
    assert [f.elements for f in found] == [("grans-18", "vc", "hsv")]
    (finding,) = found
    assert finding.id == finding_id("PW116", ("grans-18",))
    assert finding.profiles == ({"alder": ["barn"]}, {"alder": ["vuxen"]})
    assert finding.profiles_text["sv"] == ("Barn", "Vuxen")
    assert finding.grey_zones == (4,)
    assert finding.severity == "warning"
    assert finding.data["rules_not_for_boundary"] == ["co-alla"]
    assert "18 år" in finding.message["sv"] and "Age 18" in finding.message["en"]


def test_quiet(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw116_quiet"), "PW116") == []


def test_a_crossing_handover_settles_the_boundary(tmp_path):
    doc = yaml.safe_load((FIXTURES / "pw116_fires.yaml").read_text(encoding="utf-8"))
    handovers = [{**doc["handovers"][0], "crosses": ["grans-besok", "grans-18"]}]
    assert findings_of(fixture_model(tmp_path, "pw116_fires", handovers=handovers), "PW116") == []


def test_a_rule_with_one_unit_of_the_boundary_does_not_cover_it(tmp_path):
    doc = yaml.safe_load((FIXTURES / "pw116_quiet.yaml").read_text(encoding="utf-8"))
    rules = [r if r["id"] != "co-vuxen" else {**r, "owners": ["vc", "hab"]} for r in doc["coordination_rules"]]
    found = findings_of(fixture_model(tmp_path, "pw116_quiet", coordination_rules=rules), "PW116")
    assert [f.elements for f in found] == [("grans-18", "vc", "hsv")]


def test_bundled_autism_boundary_fires_with_grey_zone_4():
    found = {f.elements[0]: f for f in findings_of(load_model(MODEL), "PW116")}
    npf = found["grans-npf"]
    assert npf.id == finding_id("PW116", ("grans-npf",))
    assert npf.grey_zones == (4,)
    assert set(npf.elements[1:]) == {"habiliteringen", "vuxenpsykiatri", "primarvardsrehab"}
    assert npf.profiles == ({"diagnos": ["habilitering"]}, {"diagnos": ["npf"]})
