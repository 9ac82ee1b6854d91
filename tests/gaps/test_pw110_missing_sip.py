"""PW110 missing-sip: journeys across principals with social care and no SIP, SIP points without a party."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.gaps.core import finding_id
from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model

MODEL = Path(__file__).parents[2] / "model"
SRC = {"source": {"doc": "src"}, "status": "agreement"}


def _by_elements(findings):
    return {f.elements: f for f in findings}


def test_fires(tmp_path):
    found = _by_elements(findings_of(fixture_model(tmp_path, "pw110_fires"), "PW110"))
    assert set(found) == {
        ("r1", "h-route"),
        ("h-kr", "vc", "kr"),
        ("sip-kr", "vc"),
        ("sip-kr", "bistand"),
        ("sip-pvr", "pvr"),
        ("sip-pvr", "bistand"),
    }
    assert found[("r1", "h-route")].profiles == ({"social": ["ja"]},)
    # the SIP point at h-kr is for adults: children with social care are left without one
    assert found[("h-kr", "vc", "kr")].profiles == ({"alder": ["barn"], "social": ["ja"]},)
    assert found[("sip-kr", "vc")].data["role"] == "sender"
    assert found[("sip-kr", "vc")].profiles == ({"alder": ["vuxen"]},)
    assert found[("sip-kr", "bistand")].data["role"] == "assessor"
    assert found[("sip-kr", "bistand")].profiles == ({"alder": ["vuxen"], "social": ["ja"]},)
    assert found[("sip-kr", "bistand")].grey_zones == (2,)
    assert found[("sip-pvr", "pvr")].data["role"] == "unit"
    assert all(f.severity == "error" for f in found.values())
    assert found[("r1", "h-route")].id == finding_id("PW110", ("route", "r1"))
    assert found[("h-kr", "vc", "kr")].id == finding_id("PW110", ("handover", "h-kr"))
    assert found[("sip-kr", "bistand")].id == finding_id("PW110", ("assessor", "sip-kr"))
    assert found[("sip-kr", "vc")].id == finding_id("PW110", ("participant", "sip-kr", "vc"))
    message = found[("sip-kr", "bistand")].message
    assert "Biståndshandläggning" in message["sv"] and "Needs assessment" in message["en"]


def test_quiet(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw110_quiet"), "PW110") == []


def test_social_dimension_without_a_sip_need(tmp_path):
    """Without a SIP need the rule falls back on {social: [ja]}: the same findings.

    (h-kommun, which transfers the SIP need, goes between two municipal units and finds nothing.)
    """
    with_need = findings_of(fixture_model(tmp_path / "a", "pw110_fires"), "PW110")
    needs = [{"id": "behandling", "category": "pathway_step", "label": {"sv": "Behandling", "en": "Treatment"}, **SRC}]
    resps = [
        {"id": "r-vc", "needs": ["behandling"], "owner": "vc", "label": {"sv": "VC", "en": "HC"}, **SRC},
        {"id": "r-kr", "needs": ["behandling"], "owner": "kr", "label": {"sv": "KR", "en": "MR"}, **SRC},
    ]
    without = findings_of(
        fixture_model(
            tmp_path / "b",
            "pw110_fires",
            needs=needs,
            responsibilities=resps,
            handovers=_raw_handovers(exclude={"h-kommun"}),
        ),
        "PW110",
    )
    assert {f.id for f in without} == {f.id for f in with_need}


def _raw_handovers(exclude=()):
    import yaml

    doc = yaml.safe_load((Path(__file__).parent / "fixtures" / "pw110_fires.yaml").read_text(encoding="utf-8"))
    return [h for h in doc["handovers"] if h["id"] not in exclude]


def test_sip_need_applies_to_wins_over_the_social_dimension(tmp_path):
    """A coordination need labelled SIP decides who needs a SIP, whatever its id."""
    needs = [
        {"id": "behandling", "category": "pathway_step", "label": {"sv": "Behandling", "en": "Treatment"}, **SRC},
        {
            "id": "samordnad-plan",
            "category": "coordination",
            "applies_to": {"alder": ["barn"]},
            "label": {"sv": "Samordnad individuell plan (SIP)", "en": "Coordinated individual plan (SIP)"},
            **SRC,
        },
    ]
    resps = [{"id": "r-vc", "needs": ["behandling"], "owner": "vc", "label": {"sv": "VC", "en": "HC"}, **SRC}]
    model = fixture_model(
        tmp_path,
        "pw110_fires",
        needs=needs,
        responsibilities=resps,
        handovers=_raw_handovers(exclude={"h-kommun"}),
        sip_points=[],
    )
    found = _by_elements(findings_of(model, "PW110"))
    assert set(found) == {("r1", "h-route"), ("h-kr", "vc", "kr")}
    assert found[("r1", "h-route")].profiles == ({"alder": ["barn"]},)


def test_quiet_when_the_model_does_not_say_who_has_social_care(tmp_path):
    """The base model has neither a SIP need nor a social dimension: nothing to require."""
    assert findings_of(fixture_model(tmp_path), "PW110") == []


def test_needs_assessor_of_the_journeys_catchment(tmp_path):
    """The neighbour municipality's assessor does not stand in for the patient's own."""
    found = findings_of(fixture_model(tmp_path, "pw110_catchments"), "PW110")
    assert [(f.elements, f.data["role"]) for f in found] == [(("sip-h1", "bistand"), "assessor")]


@pytest.fixture(scope="module")
def bundled():
    return _by_elements(findings_of(load_model(MODEL), "PW110"))


def test_bundled_sip_during_the_stay_leaves_out_the_needs_assessor(bundled):
    finding = bundled[("sip-inneliggande", "bistandshandlaggning")]
    assert finding.grey_zones == (1, 2)
    assert finding.data["role"] == "assessor"
    assert finding.id == finding_id("PW110", ("assessor", "sip-inneliggande"))


def test_bundled_route_1_has_no_sip_point(bundled):
    finding = bundled[("vag-1-primarvard", "ho-vc-hemsjukvard")]
    assert finding.id == finding_id("PW110", ("route", "vag-1-primarvard"))
    assert {"social": ["ja"]}.items() <= finding.profiles[0].items()
    assert not any(elements[0] in ("vag-2-specialiserad", "vag-3-utskrivning") for elements in bundled)


def _deadlines(model) -> dict[str, object]:
    return {f.elements[0]: f for f in findings_of(model, "PW110") if f.data["part"] == "deadline"}


def test_a_discharge_sip_must_count_the_call_from_the_ready_notice(tmp_path):
    """Lag (2017:612): the call within 3 days after the ready-for-discharge notice."""
    found = _deadlines(fixture_model(tmp_path, "pw110_deadline"))
    assert {k: f.data["problem"] for k, f in found.items()} == {
        "sip-efter-utskrivning": "after",
        "sip-utan-grans": "none",
        "sip-mote": "meeting",
        "sip-5-dagar": "days",
    }
    late = found["sip-efter-utskrivning"]
    assert late.elements == ("sip-efter-utskrivning", "h-ut")
    assert late.id == finding_id("PW110", ("deadline", "sip-efter-utskrivning"))
    assert late.profiles == ({"social": ["ja"]},)
    assert "utskrivningsklar" in late.message["sv"] and "ready-for-discharge" in late.message["en"]


def test_without_the_ready_notice_in_the_model_the_deadline_part_is_quiet(tmp_path):
    import yaml

    doc = yaml.safe_load((Path(__file__).parent / "fixtures" / "pw110_deadline.yaml").read_text(encoding="utf-8"))
    events = [e for e in doc["events"] if e["id"] != "utskrivningsklar"]
    points = [p for p in doc["sip_points"] if p.get("after") != "utskrivningsklar"]
    assert _deadlines(fixture_model(tmp_path, "pw110_deadline", events=events, sip_points=points)) == {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    after=st.sampled_from([None, "utskrivningsklar", "utskrivning"]),
    within=st.one_of(st.none(), st.integers(0, 7)),
    call=st.booleans(),
    social=st.sampled_from([None, "ja", "nej"]),
)
def test_a_discharge_sip_is_quiet_exactly_when_it_counts_as_the_law(tmp_path_factory, after, within, call, social):
    point = {"id": "sip-x", "at": "h-ut", "called_by": "avd", "participants": ["avd", "hsv", "bistand"]}
    point |= {"label": {"sv": "SIP", "en": "SIP"}, **SRC, "deadline_for": "call" if call else "meeting"}
    within = within if after else None  # days need the event they count from (validation)
    point |= {k: v for k, v in (("after", after), ("within_days", within)) if v is not None}
    if social:
        point["profile"] = {"social": [social]}
    model = fixture_model(tmp_path_factory.mktemp("p"), "pw110_deadline", sip_points=[point])
    as_law = after == "utskrivningsklar" and call and within is not None and within <= 3
    assert bool(_deadlines(model)) == (social != "nej" and not as_law)
