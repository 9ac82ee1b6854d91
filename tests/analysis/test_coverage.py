"""Catchments and the catchments two models differ in (what-if compares only those)."""

from __future__ import annotations

import pytest

import pathways.scenarios.ownership as whatif
from pathways.analysis.coverage import catchments, differing_catchments, unit_principals
from pathways.model.load import load_model
from pathways.model.model import Model
from pathways.synth import synthesize, write_synth


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Model:
    out = tmp_path_factory.mktemp("synth")
    write_synth(synthesize(2, 6, 0), out, scenarios=False)
    return load_model(out)


def _with(model: Model, name: str, old, new) -> Model:
    collections = {k: list(v) for k, v in model.collections.items()}
    collections[name] = [new if e is old else e for e in collections[name]]
    return Model(meta=model.meta, collections=collections, root=model.root)


def _municipal_responsibility(model: Model):
    own = {c.id: c for c in catchments(model)}
    for r in model.responsibilities:
        holders = [cid for cid, c in own.items() if r.owner in c.units]
        if len(holders) == 1:
            return r, holders[0]
    raise AssertionError("the synthetic model has a unit of one catchment")


def test_each_municipality_reaches_its_own_and_its_regions_units(small):
    municipalities = {p.id: p for p in small.principals if p.kind == "municipality"}
    reach = {m: set() for m in municipalities}
    for u in small.units:
        for pid in unit_principals(small, u.id):
            p = small.by_id[pid]
            for m in municipalities.values():
                if m.id == pid or (p.kind == "region" and m.county == p.county):
                    reach[m.id].add(u.id)
    found = catchments(small)
    assert len(found) > 1
    assert sorted(m for c in found for m in c.municipalities) == sorted(municipalities)
    for c in found:
        for m in c.municipalities:
            assert c.units == reach[m] and c.county == municipalities[m].county


def test_a_changed_responsibility_touches_only_its_catchment(small):
    r, cid = _municipal_responsibility(small)
    changed = _with(small, "responsibilities", r, r.model_copy(update={"needs": r.needs[:1]}))
    assert differing_catchments(small, changed) == {cid}
    assert differing_catchments(small, _with(small, "responsibilities", r, r)) == set()


def test_a_changed_need_can_touch_every_catchment(small):
    need = small.needs[0]
    assert differing_catchments(small, _with(small, "needs", need, need.model_copy())) is None


def test_ownership_changes_are_those_of_comparing_every_catchment(small, monkeypatch):
    r, cid = _municipal_responsibility(small)
    collections = {k: list(v) for k, v in small.collections.items()}
    collections["responsibilities"] = [e for e in small.responsibilities if e.owner != r.owner]
    changed = Model(meta=small.meta, collections=collections, root=small.root)
    rows, _ = whatif.ownership_changes(small, changed)
    monkeypatch.setattr(whatif, "differing_catchments", lambda *models: None)
    full, _ = whatif.ownership_changes(small, changed)
    assert rows, "a unit without responsibilities owns nothing any more"
    assert {o.catchment for o in rows} == {cid}
    assert [o.as_dict() for o in rows] == [o.as_dict() for o in full]
