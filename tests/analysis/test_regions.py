"""The model summed up per county (what the national diagrams draw)."""

from __future__ import annotations

import pytest

from pathways.analysis.coverage import unit_principals
from pathways.analysis.regions import MUNICIPALITY, summarise
from pathways.gaps.analyze import find_gaps
from pathways.model.load import load_model
from pathways.synth import synthesize, write_synth


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    write_synth(synthesize(3, 10, 0), out, scenarios=False)
    model = load_model(out)
    findings = find_gaps(model)
    return model, findings, summarise(model, findings)


def _county(model, unit_id):
    return model.by_id[unit_principals(model, unit_id)[0]].county


def test_every_unit_is_in_one_group_of_its_county_and_kind(national):
    model, _, summary = national
    seen = {}
    for county in summary.counties:
        for gid, group in county.groups.items():
            for u in group.units:
                assert u not in seen
                seen[u] = gid
                assert model.by_id[u].kind == group.kind and _county(model, u) == county.id
    assert seen == summary.group_of and set(seen) == {u.id for u in model.units}
    for county in summary.counties:
        assert county.units == sum(1 for u in model.units if _county(model, u.id) == county.id)


def test_municipal_groups_count_their_municipalities(national):
    model, _, summary = national
    for county in summary.counties:
        for group in county.groups.values():
            towns = {p for u in group.units for p in unit_principals(model, u) if model.by_id[p].kind == "municipality"}
            assert group.municipalities == (len(towns) if group.side == MUNICIPALITY else 0)


def test_every_handover_is_in_one_flow_between_its_ends(national):
    model, _, summary = national
    placed = {}
    for county in summary.counties:
        for (a, b), flow in county.flows.items():
            for h in flow.handovers:
                placed[h] = (a, b)
    for (a, b), flow in summary.crossing.items():
        assert a != b
        for h in flow.handovers:
            placed[h] = (a, b)
    assert set(placed) == {h.id for h in model.handovers}
    for h in model.handovers:
        ends = (summary.group_of[h.from_], summary.group_of[h.to])
        if _county(model, h.from_) == _county(model, h.to):
            assert placed[h.id] == ends
        else:
            assert placed[h.id] == (_county(model, h.from_), _county(model, h.to))
    for county in summary.counties:
        assert county.handovers == sum(1 for h in model.handovers if _county(model, h.from_) == county.id)


def test_route_flows_hold_every_route_once_lowest_number_first(national):
    model, _, summary = national
    routes = [r for c in summary.counties for f in c.route_flows() for r in f.routes]
    assert sorted(routes) == sorted(r.id for r in model.routes)
    number = {r.id: r.number for r in model.routes}
    for county in summary.counties:
        firsts = [number[f.routes[0]] for f in county.route_flows()]
        assert firsts == sorted(firsts)


def test_a_finding_is_placed_where_its_units_and_catchments_are(national):
    model, findings, summary = national
    assert set(summary.places) == {f.id for f in findings}
    for f in findings:
        place = summary.places[f.id]
        units = [e for e in f.elements if model.kind_of.get(e) == "units"]
        for u in units:
            assert _county(model, u) in place.counties
            for p in unit_principals(model, u):
                if model.by_id[p].kind == "municipality":
                    assert p in place.municipalities
        for m in place.municipalities:
            assert summary.municipality_county[m] in place.counties
        assert place.counties, f.id
