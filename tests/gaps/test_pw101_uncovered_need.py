"""PW101 uncovered-need: fixtures, the bundled model, and properties."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.model.load import load_model
from tests.gaps.fixture import findings_of, fixture_model


def test_fires_for_children_at_home(tmp_path):
    (finding,) = findings_of(fixture_model(tmp_path, "pw101_fires"), "PW101")
    assert finding.data["need"] == "behandling"
    assert finding.data["setting"] == "hemmet"
    assert finding.profiles == ({"alder": ["barn"], "besok": ["kan-inte"]},)
    assert finding.profiles_text["sv"] == ("Barn, Kan inte besöka",)
    assert finding.severity == "error"


def test_quiet_when_every_profile_has_an_owner(tmp_path):
    assert findings_of(fixture_model(tmp_path, "pw101_quiet"), "PW101") == []


def test_need_limited_to_profiles_is_required_only_there(tmp_path):
    needs = [
        {
            "id": "behandling",
            "category": "pathway_step",
            "applies_to": {"alder": ["vuxen"]},
            "label": {"sv": "B", "en": "T"},
            "source": {"doc": "src"},
            "status": "agreement",
        }
    ]
    assert findings_of(fixture_model(tmp_path, "pw101_fires", needs=needs), "PW101") == []


def test_bundled_model_reports_children_and_bmb():
    findings = findings_of(load_model("model"), "PW101")
    bmb = [f for f in findings if f.data["need"] == "bmb"]
    assert {f.data["setting"] for f in bmb} == {"inneliggande", "mottagning", "hemmet"}
    assert all(f.grey_zones == (9,) for f in bmb)
    child_at_home = [
        f for f in findings if f.data["setting"] == "hemmet" and any(c.get("alder") == ["barn"] for c in f.profiles)
    ]
    assert {f.data["need"] for f in child_at_home} >= {"behandling", "rehabbedomning"}


_PROFILES = st.fixed_dictionaries(
    {},
    optional={
        "alder": st.sampled_from([["barn"], ["vuxen"]]),
        "besok": st.sampled_from([["kan"], ["kan-inte"]]),
    },
)
_NEEDS = ["n1", "n2", "n3"]


def _model(tmp: Path, responsibilities: list[tuple[str, str, dict]], units_extra: str = "annan"):
    needs = [
        {
            "id": n,
            "category": "pathway_step",
            "label": {"sv": n, "en": n},
            "source": {"doc": "src"},
            "status": "agreement",
        }
        for n in _NEEDS
    ]
    units = [
        {
            "id": "vc",
            "kind": "health_centre",
            "principal": "region",
            "care_level": "primarvard",
            "settings": ["mottagning"],
            "entry": True,
            "label": {"sv": "VC", "en": "HC"},
            "source": {"doc": "src"},
            "status": "agreement",
        },
        {
            "id": "hsv",
            "kind": "home_healthcare",
            "principal": "kommun",
            "care_level": "kommunal",
            "settings": ["hemmet"],
            "label": {"sv": "HSV", "en": "HHC"},
            "source": {"doc": "src"},
            "status": "agreement",
        },
        {
            "id": units_extra,
            "kind": "primary_care_rehab",
            "principal": "region",
            "care_level": "primarvard",
            "settings": ["mottagning"],
            "label": {"sv": "Annan", "en": "Other"},
            "source": {"doc": "src"},
            "status": "agreement",
        },
    ]
    resps = [
        {
            "id": f"r{i}",
            "needs": [need],
            "owner": owner,
            "profile": profile,
            "label": {"sv": "r", "en": "r"},
            "source": {"doc": "src"},
            "status": "agreement",
        }
        for i, (need, owner, profile) in enumerate(responsibilities)
    ]
    return fixture_model(tmp, None, needs=needs, units=units, responsibilities=resps, handovers=[])


_RESPS = st.lists(st.tuples(st.sampled_from(_NEEDS), st.sampled_from(["vc", "hsv"]), _PROFILES), max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resps=_RESPS, data=st.data())
def test_giving_an_uncovered_need_an_owner_removes_exactly_that_finding(resps, data):
    with tempfile.TemporaryDirectory() as tmp:
        before = {f.id: f for f in findings_of(_model(Path(tmp) / "a", resps), "PW101")}
        if not before:
            return
        target = before[data.draw(st.sampled_from(sorted(before)))]
        owner = "vc" if target.data["setting"] == "mottagning" else "hsv"
        after = findings_of(_model(Path(tmp) / "b", [*resps, (target.data["need"], owner, {})]), "PW101")
        assert {f.id for f in after} == set(before) - {target.id}


@settings(max_examples=30, deadline=None)
@given(resps=_RESPS)
def test_renaming_an_unrelated_element_keeps_every_finding_id(resps):
    with tempfile.TemporaryDirectory() as tmp:
        before = {f.id for f in findings_of(_model(Path(tmp) / "a", resps), "PW101")}
        after = {f.id for f in findings_of(_model(Path(tmp) / "b", resps, units_extra="omdopt"), "PW101")}
        assert before == after


@settings(max_examples=30, deadline=None)
@given(resps=_RESPS)
def test_uncovered_profiles_are_exactly_those_without_owner(resps):
    """The cubes of the findings cover exactly the profiles no responsibility covers (brute force)."""
    with tempfile.TemporaryDirectory() as tmp:
        findings = findings_of(_model(Path(tmp), resps), "PW101")
        reported = set()
        for f in findings:
            for cube in f.profiles:
                for alder in cube.get("alder", ["barn", "vuxen"]):
                    for besok in cube.get("besok", ["kan", "kan-inte"]):
                        reported.add((f.data["need"], f.data["setting"], alder, besok))
        expected = set()
        for need in _NEEDS:
            for setting, besok, owner in (("mottagning", "kan", "vc"), ("hemmet", "kan-inte", "hsv")):
                for alder in ("barn", "vuxen"):
                    owned = any(
                        n == need
                        and o == owner
                        and alder in p.get("alder", [alder])
                        and besok in p.get("besok", [besok])
                        for n, o, p in resps
                    )
                    if not owned:
                        expected.add((need, setting, alder, besok))
        assert reported == expected
