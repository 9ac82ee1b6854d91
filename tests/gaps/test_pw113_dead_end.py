"""PW113 dead-end: units where the patient stops, needs handed to a receiver that neither owns nor passes them on."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.gaps.core import finding_id
from tests.gaps.fixture import SRC, entry_unit, findings_of, fixture_model

FIXTURES = Path(__file__).parent / "fixtures"


def test_fires(tmp_path):
    found = {f.elements: f for f in findings_of(fixture_model(tmp_path, "pw113_fires"), "PW113")}
    assert set(found) == {("slut", "h-slut"), ("h1", "uppfoljning", "hsv")}
    unit, need = found[("slut", "h-slut")], found[("h1", "uppfoljning", "hsv")]
    assert unit.id == finding_id("PW113", ("unit", "slut"))
    assert need.id == finding_id("PW113", ("need", "h1", "uppfoljning"))
    assert need.profiles == ({"alder": ["barn"]},)
    assert unit.grey_zones == (3,) and need.grey_zones == (3,)
    assert unit.severity == need.severity == "error"
    assert "Kommunal rehab" in unit.message["sv"] and "Municipal rehab" in unit.message["en"]
    assert "Uppföljning" in need.message["sv"] and "Follow-up" in need.message["en"]


def test_quiet(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw113_quiet"), "PW113") == []


def test_owning_the_need_removes_exactly_that_finding(tmp_path):
    doc = yaml.safe_load((FIXTURES / "pw113_fires.yaml").read_text(encoding="utf-8"))
    resps = doc["responsibilities"] + [
        {
            "id": "r-hsv-uppf",
            "needs": ["uppfoljning"],
            "owner": "hsv",
            "label": {"sv": "HSV följer upp", "en": "HHC follows up"},
            **SRC,
        }
    ]
    before = {f.id for f in findings_of(fixture_model(tmp_path / "a", "pw113_fires"), "PW113")}
    after = {f.id for f in findings_of(fixture_model(tmp_path / "b", "pw113_fires", responsibilities=resps), "PW113")}
    assert before - after == {finding_id("PW113", ("need", "h1", "uppfoljning"))}
    assert after <= before


def test_an_onward_handover_ends_the_dead_end(tmp_path):
    doc = yaml.safe_load((FIXTURES / "pw113_fires.yaml").read_text(encoding="utf-8"))
    onward = {
        "id": "h-slut-vc",
        "from": "slut",
        "to": "vc",
        "trigger": "vardbegaran",
        "mode": "referral",
        "needs": ["behandling"],
        "label": {"sv": "KR till VC", "en": "MR to HC"},
        **SRC,
    }
    found = findings_of(fixture_model(tmp_path, "pw113_fires", handovers=doc["handovers"] + [onward]), "PW113")
    assert [f.elements for f in found] == [("h1", "uppfoljning", "hsv")]


NAMES = [f"u{i}" for i in range(6)]
NEEDS = ["behandling", "uppfoljning"]


@st.composite
def dead_end_models(draw):
    n = draw(st.integers(2, 6))
    units = NAMES[:n]
    pairs = [(a, b) for a in units for b in units if a != b]
    edges = draw(st.lists(st.tuples(st.sampled_from(pairs), st.sets(st.sampled_from(NEEDS))), max_size=10))
    owns = {u: draw(st.sets(st.sampled_from(NEEDS))) for u in units}
    return units, edges, owns


def _reference(units, edges, owns):
    """The definition, literally."""
    receivers = {b for (a, b), _ in edges}
    senders = {a for (a, b), _ in edges}
    dead = {u for u in units if u in receivers and not owns[u] and u not in senders}
    expected = {("unit", u) for u in dead}
    for i, ((_a, b), needs) in enumerate(edges):
        if b in dead:
            continue
        for n in needs:
            onward = any(a2 == b and n in needs2 for (a2, _), needs2 in edges)
            if n not in owns[b] and not onward:
                expected.add(("need", f"h{i}", n))
    return {finding_id("PW113", key) for key in expected}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dead_end_models())
def test_matches_the_definition_on_random_models(case):
    units, edges, owns = case
    collections = {
        "needs": [{"id": n, "category": "pathway_step", "label": {"sv": n, "en": n}, **SRC} for n in NEEDS],
        "units": [entry_unit(u) for u in units],
        "responsibilities": [
            {"id": f"r-{u}", "needs": sorted(owns[u]), "owner": u, "label": {"sv": u, "en": u}, **SRC}
            for u in units
            if owns[u]
        ],
        "handovers": [
            {
                "id": f"h{i}",
                "from": a,
                "to": b,
                "trigger": "vardbegaran",
                "mode": "referral",
                "needs": sorted(needs),
                "label": {"sv": f"h{i}", "en": f"h{i}"},
                **SRC,
            }
            for i, ((a, b), needs) in enumerate(edges)
        ],
        "escalation_paths": [],
    }
    with tempfile.TemporaryDirectory() as d:
        model = fixture_model(Path(d), **collections)
        assert {f.id for f in findings_of(model, "PW113")} == _reference(units, edges, owns)
