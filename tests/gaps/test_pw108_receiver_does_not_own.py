"""PW108 receiver-does-not-own: fixtures and the bundled model."""

from __future__ import annotations

from pathlib import Path

from pathways.gaps.core import Context
from pathways.gaps.rules.pw108_receiver_does_not_own import _lacking, need_masks, owned_masks
from pathways.model.load import load_model
from tests.analysis.test_blocks import model_of, small
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


def test_handovers_sent_alike_are_judged_each_by_its_own_receiver():
    """Many handovers of a synthetic model send the same needs and profiles (the rule judges each
    (receiver, needs, profiles) once): the findings are those of judging every handover alone."""
    base, base_ctx = small(), Context(small())
    receivers: dict[tuple, set[str]] = {}
    for h, sent in zip(base.handovers, base_ctx.handover_masks, strict=True):
        receivers.setdefault((tuple(h.needs), sent), set()).add(h.to)
    shared = sorted(min(units) for units in receivers.values() if len(units) > 1)
    # one of the receivers of handovers sent alike owns nothing: it lacks what the others do not
    model = model_of(({}, [r.owner != shared[0] for r in base.responsibilities], {}))
    ctx = Context(model)
    owned, exists = owned_masks(ctx), need_masks(ctx)
    expected = {}
    for h, sent in zip(model.handovers, ctx.handover_masks, strict=True):
        missing, _ = _lacking(h.to, h.needs, sent, owned, exists) if h.needs else ({}, 0)
        if missing:
            expected[h.id] = {n: ctx.space.minimal_cubes(m) for n, m in missing.items()}
    alike = {(h.to, tuple(h.needs), s) for h, s in zip(model.handovers, ctx.handover_masks, strict=True)}
    assert len(alike) < len(model.handovers) and expected
    found = {f.data["handover"]: f.data["needs"] for f in findings_of(model, "PW108")}
    assert found == expected
