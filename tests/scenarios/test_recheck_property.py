"""Property: the what-if's recheck of a changed model (only the part its changes can reach)
reports exactly what the full cross-element check reports. Random edits on a small synthetic
model: elements added, removed and changed in every way a check reads across elements (a
unit's principal, kind and settings; a principal's kind; a group's members; a care level's
kind and parent; a need's order; a handover's ends; route and grey zone numbers; an id that a
route step already has; a dimension's values), valid or not."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pathways.model.clean import is_clean
from pathways.model.load import load_model
from pathways.model.model import Model
from pathways.model.validate import check_model
from pathways.scenarios.apply import _run, apply_scenarios, dump_element
from pathways.scenarios.format import Change
from pathways.scenarios.part import reach
from pathways.scenarios.recheck import recheck
from pathways.synth import synthesize, write_synth
from tests.cases.helpers import property_scenario

KINDS = ("region", "municipality")
UNIT_KINDS = ("home_healthcare", "inpatient_ward", "health_centre", "needs_assessment")


@lru_cache(maxsize=1)
def small() -> Model:
    """A synthetic model of 2 regions and 6 municipalities, made once (loaded: known clean),
    then changed (and so proved clean by the recheck) to hold what the synthetic one lacks:
    responsibilities in settings, a group member with no unit of its own."""
    with tempfile.TemporaryDirectory() as out:
        write_synth(synthesize(2, 6, 0), Path(out), scenarios=False)
        loaded = load_model(out)
    group = next(g for g in loaded.principal_groups if loaded.by_id[g.members[0]].kind == "municipality")
    member = dump_element(loaded.by_id[group.members[0]]) | {"id": "prop-member"}
    changes = [
        Change(op="add", target="prop-member", collection="principals", element=member),
        Change(op="set", target=group.id, field="members", append=("prop-member",)),
    ]
    changes += [_set(r.id, "settings", list(loaded.by_id[r.owner].settings)) for r in loaded.responsibilities[::3]]
    return apply_scenarios(loaded, [property_scenario(changes, source="seed-001")])


def _set(target: str, field: str, value) -> Change:
    return Change(op="set", target=target, field=field, value=value)


def _ids(items) -> list[str]:
    return [e.id for e in items]


def _route_end(m: Model, pick) -> Change:
    """The unit a route ends at, of another kind (only the route's check can tell)."""
    route = pick(st.sampled_from(m.routes))
    return _set(m.by_id[route.handovers[-1]].to, "kind", pick(st.sampled_from(UNIT_KINDS[1:])))


def _unit_change(m: Model, op: str, pick) -> Change:
    if op == "route-end-kind":
        return _route_end(m, pick)
    unit = pick(st.sampled_from(m.units))
    if op == "unit-principal":
        return _set(unit.id, "principal", pick(st.sampled_from(_ids(m.principals) + _ids(m.principal_groups))))
    if op == "unit-kind":
        return _set(unit.id, "kind", pick(st.sampled_from(UNIT_KINDS)))
    if op == "unit-level":
        return _set(unit.id, "care_level", pick(st.sampled_from(_ids(m.care_levels))))
    return _set(unit.id, "settings", pick(st.lists(st.sampled_from(_ids(m.settings)), min_size=1, unique=True)))


def _principal_change(m: Model, op: str, pick) -> Change:
    if op == "principal-kind":
        principal = pick(st.sampled_from([m.by_id["prop-member"], *m.principals]))
        return _set(principal.id, "kind", KINDS[1 - KINDS.index(principal.kind)])
    if op == "group-members":
        members = pick(st.lists(st.sampled_from(_ids(m.principals)), min_size=1, max_size=3, unique=True))
        return _set(pick(st.sampled_from(_ids(m.principal_groups))), "members", members)
    level = pick(st.sampled_from(m.care_levels))
    if op == "level-kind":
        return _set(level.id, "principal_kind", KINDS[1 - KINDS.index(level.principal_kind)])
    if op == "level-cycle":
        child = pick(st.sampled_from([cl for cl in m.care_levels if cl.parent is not None]))
        return _set(child.parent, "parent", child.id)
    return _set(level.id, "parent", pick(st.sampled_from([None, *_ids(m.care_levels)])))


def _handover_change(m: Model, op: str, pick) -> Change:
    handover = pick(st.sampled_from(m.handovers))
    if op == "route-handover-end":
        on_route = pick(st.sampled_from([h for r in m.routes for h in r.handovers]))
        return _set(on_route, pick(st.sampled_from(["from", "to"])), pick(st.sampled_from(_ids(m.units))))
    if op == "handover-end":
        return _set(handover.id, pick(st.sampled_from(["from", "to"])), pick(st.sampled_from(_ids(m.units))))
    if op == "remove-handover":
        return Change(op="remove", target=handover.id, drop_references=True)
    if op == "route-number":
        return _set(
            pick(st.sampled_from(_ids(m.routes))), "number", pick(st.sampled_from([r.number for r in m.routes]))
        )
    if op == "grey-zone-number":
        numbers = [g.number for g in m.grey_zones]
        return _set(pick(st.sampled_from(_ids(m.grey_zones))), "number", pick(st.sampled_from(numbers)))
    if op == "need-cycle":
        later = pick(st.sampled_from([n for n in m.needs if n.after]))
        return _set(pick(st.sampled_from(later.after)), "after", [later.id])
    need = pick(st.sampled_from(m.needs))
    return _set(need.id, "after", pick(st.lists(st.sampled_from(_ids(m.needs)), max_size=2, unique=True)))


def _other_change(m: Model, op: str, n: int, pick) -> Change:
    if op == "add-unit":
        steps = [s.id for r in m.routes for s in r.steps]
        element = dump_element(pick(st.sampled_from(m.units))) | {"id": pick(st.sampled_from([f"prop-u{n}", *steps]))}
        return Change(op="add", target=element["id"], collection="units", element=element)
    if op == "remove-unit":
        return Change(op="remove", target=pick(st.sampled_from(_ids(m.units))), drop_references=True)
    if op == "owner":
        resp = pick(st.sampled_from(_ids(m.responsibilities)))
        return _set(resp, "owner", pick(st.sampled_from(_ids(m.units))))
    dimension = pick(st.sampled_from(m.dimensions))
    if op == "dimension-drop-value":
        return _set(dimension.id, "values", [dump_element(v) for v in dimension.values[1:]] or None)
    value = {"id": f"prop-v{n}", "label": {"sv": f"värde {n}", "en": f"value {n}"}}
    return Change(op="set", target=dimension.id, field="values", append=(value,))


OPS = {
    **dict.fromkeys(("unit-principal", "unit-kind", "unit-level", "unit-settings", "route-end-kind"), _unit_change),
    **dict.fromkeys(
        ("principal-kind", "group-members", "level-kind", "level-parent", "level-cycle"), _principal_change
    ),
    **dict.fromkeys(
        (
            "handover-end",
            "route-handover-end",
            "remove-handover",
            "route-number",
            "grey-zone-number",
            "need-after",
            "need-cycle",
        ),
        _handover_change,
    ),
}
OTHER = ("add-unit", "remove-unit", "owner", "dimension-value", "dimension-drop-value")


def _change(m: Model, op: str, n: int, pick) -> Change:
    if op in OPS:
        return OPS[op](m, op, pick)
    return _other_change(m, op, n, pick)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(st.sampled_from([*OPS, *OTHER]), min_size=1, max_size=3), data=st.data())
def test_recheck_reports_what_the_full_check_reports(ops, data):
    base = small()
    assert is_clean(base)
    state, _, _ = _run(base, [_change(base, op, n, data.draw) for n, op in enumerate(ops)])
    changed = state.build()
    full = check_model(changed)
    event("problems" if full else "clean")
    event("part" if reach(base, changed) is not None else "whole")
    assert recheck(base, changed) == full
    assert is_clean(changed) == (not full)
