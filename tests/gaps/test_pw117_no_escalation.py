"""PW117 no-escalation: principals that hand patients to each other with no escalation path between them."""

from __future__ import annotations

from pathlib import Path

import yaml

from pathways.gaps.core import finding_id
from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"
SRC = {"source": {"doc": "src"}, "status": "agreement"}


def test_fires(tmp_path):
    found = findings_of(fixture_model(tmp_path, "pw117_fires"), "PW117")
    assert [f.elements for f in found] == [("kommun2", "region", "h-kr")]
    (finding,) = found
    assert finding.id == finding_id("PW117", ("kommun2", "region"))
    assert finding.grey_zones == (6,)
    assert finding.severity == "warning"
    assert "Grannkommunen" in finding.message["sv"] and "Regionen" in finding.message["sv"]


def test_quiet(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw117_quiet"), "PW117") == []


def test_explicit_handovers_between_two_municipalities_pair_them(tmp_path):
    """Units of two named municipalities pair them; the path between region and kommun does not cover it."""
    doc = yaml.safe_load((Path(__file__).parent / "fixtures" / "pw117_fires.yaml").read_text(encoding="utf-8"))
    units = doc["units"] + [
        {
            "id": "hsv2",
            "kind": "home_healthcare",
            "principal": "kommun2",
            "care_level": "kommunal",
            "settings": ["hemmet"],
            "label": {"sv": "Grannens hemsjukvård", "en": "Neighbour's HHC"},
            **SRC,
        }
    ]
    handovers = doc["handovers"] + [
        {
            "id": "h-flytt",
            "from": "hsv",
            "to": "hsv2",
            "trigger": "vardbegaran",
            "mode": "referral",
            "label": {"sv": "Flytt", "en": "Move"},
            **SRC,
        }
    ]
    found = findings_of(fixture_model(tmp_path, "pw117_fires", units=units, handovers=handovers), "PW117")
    assert sorted(f.elements for f in found) == [("kommun", "kommun2", "h-flytt"), ("kommun2", "region", "h-kr")]


def _bundled_doc() -> dict:
    doc: dict = {}
    for path in sorted(MODEL.glob("*.yaml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if key == "model":
                doc[key] = value
            else:
                doc.setdefault(key, []).extend(value)
    return doc


def test_bundled_model_is_quiet():
    assert findings_of(load_model(MODEL), "PW117") == []


def test_bundled_model_without_the_escalation_path_fires_for_each_municipality(tmp_path):
    doc = _bundled_doc()
    doc["escalation_paths"] = [e for e in doc["escalation_paths"] if e["id"] != "oenighet-ok"]
    for h in doc["handovers"]:
        reject = h.get("on_reject")
        if reject and reject.pop("escalation", None) and not reject:
            del h["on_reject"]
    (tmp_path / "model.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    model = load_model(tmp_path)
    found = findings_of(model, "PW117")
    municipalities = sorted(p.id for p in model.principals if p.kind == "municipality")
    assert len(municipalities) == 15
    assert sorted(f.elements[:2] for f in found) == sorted(tuple(sorted((m, "region-dalarna"))) for m in municipalities)
    assert {f.id for f in found} == {finding_id("PW117", tuple(sorted((m, "region-dalarna")))) for m in municipalities}
    assert all("ho-vc-hemsjukvard" in f.elements for f in found)
