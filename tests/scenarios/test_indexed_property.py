"""Property: what-if's shared indexes give what a full recomputation gives. For random
scenarios (responsibilities, handovers and units added, removed, changed, a value added to a
profile dimension) on a small synthetic model, the changed model's handover masks and
responsibility cells (the base's kept for the elements the scenarios leave as they are), the
coverages compared (of the catchments the scenarios can change, in both models), its findings (in a context that shares the base's
profile space when the dimensions are the same) and the ownership changes equal those
computed anew."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import pathways.scenarios.ownership as ownership
from pathways.analysis.coverage import catchments, coverages
from pathways.gaps.analyze import find_gaps
from pathways.gaps.core import Context
from pathways.model.errors import ModelError
from pathways.model.load import load_model
from pathways.model.model import Model
from pathways.scenarios.apply import apply_scenarios, dump_element
from pathways.scenarios.format import Change
from pathways.scenarios.ownership import Indexed
from pathways.synth import synthesize, write_synth
from tests.cases.helpers import property_scenario

OPS = (
    "owner",
    "needs-out",
    "needs-in",
    "add-responsibility",
    "remove-responsibility",
    "remove-handover",
    "add-handover",
    "handover-days",
    "unit-principal",
    "add-unit",
    "window",
    "dimension-value",
    "handover-profile",
    "unit-settings",
)


@lru_cache(maxsize=1)
def small() -> Model:
    """A synthetic model of 2 regions and 6 municipalities (6 catchments), made once."""
    with tempfile.TemporaryDirectory() as out:
        write_synth(synthesize(2, 6, 0), Path(out), scenarios=False)
        return load_model(out)


def _change(model: Model, op: str, n: int, data) -> Change:
    pick = data.draw
    units = [u.id for u in model.units]
    resp = pick(st.sampled_from(model.responsibilities))
    handover = pick(st.sampled_from(model.handovers))
    unit = pick(st.sampled_from(model.units))
    if op == "owner":
        return Change(op="set", target=resp.id, field="owner", value=pick(st.sampled_from(units)))
    if op == "needs-out":
        return Change(op="set", target=resp.id, field="needs", remove_items=(pick(st.sampled_from(resp.needs)),))
    if op == "needs-in":
        missing = [x.id for x in model.needs if x.id not in resp.needs] or [model.needs[0].id]
        return Change(op="set", target=resp.id, field="needs", append=(pick(st.sampled_from(missing)),))
    if op == "add-responsibility":
        element = dump_element(resp) | {"id": f"prop-r{n}", "owner": pick(st.sampled_from(units))}
        return Change(op="add", target=element["id"], collection="responsibilities", element=element)
    if op == "remove-responsibility":
        return Change(op="remove", target=resp.id, drop_references=True)
    if op == "remove-handover":
        return Change(op="remove", target=handover.id, drop_references=True)
    if op == "add-handover":
        element = dump_element(handover) | {"id": f"prop-h{n}", "to": pick(st.sampled_from(units))}
        return Change(op="add", target=element["id"], collection="handovers", element=element)
    if op == "handover-days":
        return Change(op="set", target=handover.id, field="receiver_from", value=pick(st.integers(0, 20)))
    if op == "unit-principal":
        principals = [p.id for p in model.principals] + [g.id for g in model.principal_groups]
        return Change(op="set", target=unit.id, field="principal", value=pick(st.sampled_from(principals)))
    if op == "window":
        windows = [None, *(dump_element(r)["window"] for r in model.responsibilities if r.window is not None)]
        return Change(op="set", target=resp.id, field="window", value=pick(st.sampled_from(windows)))
    if op == "handover-profile":
        dimension = pick(st.sampled_from(model.dimensions))
        values = [v.id for v in dimension.values]
        profile = {dimension.id: pick(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True))}
        return Change(op="set", target=handover.id, field="profile", value=pick(st.sampled_from([{}, profile])))
    if op == "unit-settings":
        settings_ = [x.id for x in model.settings]
        value = pick(st.lists(st.sampled_from(settings_), min_size=1, max_size=len(settings_), unique=True))
        return Change(op="set", target=unit.id, field="settings", value=value)
    if op == "dimension-value":
        dimension = pick(st.sampled_from(model.dimensions))
        value = {"id": f"prop-v{n}", "label": {"sv": f"värde {n}", "en": f"value {n}"}}
        return Change(op="set", target=dimension.id, field="values", append=(value,))
    element = dump_element(unit) | {"id": f"prop-u{n}"}
    return Change(op="add", target=element["id"], collection="units", element=element)


def _plain(covs) -> list:
    return [(c, cov.by_cell, cov.required, cov.setting_mask) for c, cov in covs]


def _full_ownership(base: Model, changed: Model) -> list[dict]:
    """Ownership compared in every cell of every catchment, nothing skipped."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(ownership, "differing_catchments", lambda *models: None)
        mp.setattr(ownership, "_same_cell", lambda *cells: False)
        rows, _ = ownership.ownership_changes(base, changed)
    return [o.as_dict() for o in rows]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(st.sampled_from(OPS), min_size=1, max_size=4), data=st.data())
def test_shared_indexes_give_the_full_recomputation(ops, data):
    base = small()
    changes = [_change(base, op, n, data) for n, op in enumerate(ops)]
    try:
        changed = apply_scenarios(base, [property_scenario(changes, source="seed-001")])
    except ModelError:
        event("invalid")
        return  # not a valid scenario: nothing to compare
    indexed = Indexed.of(base, changed)
    find_gaps(base, context=indexed.before)  # as what-if does: the base's caches filled first
    fresh = Context(changed)
    assert indexed.after.handover_masks == fresh.handover_masks
    assert indexed.after.responsibility_cells == fresh.responsibility_cells
    compared = indexed.compared()
    for model, mine, context in zip((base, changed), compared, (Context(base), fresh), strict=True):
        full = {c.id: cov for c, cov in coverages(model, context.space, catchments(model))}
        owning = indexed.owning()
        assert owning is None or owning <= (indexed.only or set())
        wanted = full if owning is None else {k: v for k, v in full.items() if k in owning}
        assert _plain(mine.items()) == _plain(wanted.items()), "the coverages compared are those made anew"
    assert [f.as_dict() for f in find_gaps(changed, context=indexed.after)] == [f.as_dict() for f in find_gaps(changed)]
    rows, _ = ownership.ownership_changes(base, changed, indexed)
    assert [o.as_dict() for o in rows] == _full_ownership(base, changed)


def test_only_the_catchments_a_scenario_can_change_are_compared():
    base = small()
    r = next(x for x in base.responsibilities if len(x.needs) > 1)
    changed = apply_scenarios(
        base,
        [
            property_scenario(
                [Change(op="set", target=r.id, field="needs", remove_items=(r.needs[0],))], source="seed-001"
            )
        ],
    )
    indexed = Indexed.of(base, changed)
    assert indexed.only is not None and 0 < len(indexed.only) < len(catchments(base))
    before, after = indexed.compared()
    assert set(before) == set(after) == indexed.owning() == indexed.only, "only the catchments that can differ"
    rows, _ = ownership.ownership_changes(base, changed, indexed)
    assert rows, "the need's owner changed"
    assert [o.as_dict() for o in rows] == _full_ownership(base, changed)


def test_a_unit_owning_a_need_with_and_without_a_window():
    base = small()
    plain = next(r for r in base.responsibilities if r.window is None)
    windowed = next(r for r in base.responsibilities if r.window is not None)
    element = dump_element(plain) | {"id": "prop-window", "window": dump_element(windowed)["window"]}
    add = Change(op="add", target=element["id"], collection="responsibilities", element=element)
    changed = apply_scenarios(base, [property_scenario([add], source="seed-001")])
    rows, _ = ownership.ownership_changes(base, changed)
    assert rows
    for row in rows:
        mine = [o for o in row.after if o.unit == plain.owner]
        assert [o.window for o in mine] == [None, element["window"]], "no window (open) first"
        assert [o.unit for o in row.before] == [o.unit for o in row.after if o.responsibility != "prop-window"]
    assert [o.as_dict() for o in rows] == _full_ownership(base, changed)


def test_a_new_unit_owning_nothing_changes_no_owners():
    """A unit added with no responsibility changes its catchment's units, not its cells: the
    catchment can differ (``only``), its owners cannot (``owning``), and none is reported."""
    base = small()
    element = dump_element(base.units[-1]) | {"id": "prop-empty-unit"}
    add = Change(op="add", target=element["id"], collection="units", element=element)
    changed = apply_scenarios(base, [property_scenario([add], source="seed-001")])
    indexed = Indexed.of(base, changed)
    assert indexed.only and indexed.owning() == set()
    assert indexed.compared() == ({}, {})
    assert _full_ownership(base, changed) == []
