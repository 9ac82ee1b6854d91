"""A model summed up per county: what the national diagrams draw instead of every unit.

A national model has tens of thousands of units and handovers; drawn one box and one
arrow each, no layout finishes and no one could read it. :func:`summarise` groups the
units of each county by side (the region's own, the municipalities') and kind, sums
the handovers between the groups, and places each finding in the counties and
municipalities whose elements it names, so that a diagram can show per county and per
municipality how many there are. It computes nothing the gap rules do not already say.

Cost: O(U + H + R + S + F * E_f): one pass over units, handovers, routes, SIP points
and the elements of each finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pathways.analysis.coverage import catchments, unit_principals
from pathways.gaps.core import Finding
from pathways.model.model import Model

REGION, MUNICIPALITY = "region", "municipality"
"""The two sides of a county: the region's own units, and the municipalities'."""


@dataclass(frozen=True)
class Group:
    """The units of one kind on one side of a county."""

    id: str
    county: str
    side: str
    kind: str
    units: tuple[str, ...]
    municipalities: int
    """How many municipalities have units of the group (0 on the region's side)."""


@dataclass
class Flow:
    """The handovers from one group to another."""

    source: str
    target: str
    handovers: list[str] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    """Ids of the routes whose handovers the flow includes, in the order of their numbers."""


@dataclass(frozen=True)
class Place:
    """Where a finding is: the counties and the municipalities its elements belong to."""

    counties: frozenset[str]
    municipalities: frozenset[str]


@dataclass
class County:
    """One county: its region, its municipalities, its groups of units and their flows."""

    id: str
    region: str | None
    """The id of the county's region (principal of kind region); None when it has none."""
    municipalities: list[str] = field(default_factory=list)
    units: int = 0
    handovers: int = 0
    """Handovers whose sender is in the county."""
    groups: dict[str, Group] = field(default_factory=dict)
    flows: dict[tuple[str, str], Flow] = field(default_factory=dict)

    def route_flows(self) -> list[Flow]:
        """The flows that carry routes, the one with the lowest route number first: the
        county's routes into municipal home healthcare, each summed over its municipalities."""
        return [f for f in self.flows.values() if f.routes]


@dataclass
class Summary:
    """The counties of a model, the flows between them, and where each finding is."""

    counties: list[County]
    crossing: dict[tuple[str, str], Flow]
    """(sending county, receiving county) -> the handovers from one county to another."""
    group_of: dict[str, str]
    """Unit id -> the id of its group."""
    places: dict[str, Place]
    """Finding id -> its place."""
    municipality_county: dict[str, str]

    def county(self, county_id: str) -> County:
        return next(c for c in self.counties if c.id == county_id)


def _side_and_county(model: Model, unit_id: str, county_of: dict[str, str]) -> tuple[str, str]:
    principals = unit_principals(model, unit_id)
    kinds = {model.by_id[p].kind for p in principals}
    side = MUNICIPALITY if kinds == {MUNICIPALITY} else REGION
    return side, county_of[principals[0]]


def _groups(model: Model, county_of: dict[str, str], counties: dict[str, County]) -> dict[str, str]:
    members: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    towns: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for u in model.units:
        side, county = _side_and_county(model, u.id, county_of)
        key = (county, side, str(u.kind))
        members[key].append(u.id)
        if side == MUNICIPALITY:
            towns[key].update(unit_principals(model, u.id))
        counties[county].units += 1
    group_of = {}
    for (county, side, kind), units in sorted(members.items()):
        gid = f"{county}:{side}:{kind}"
        counties[county].groups[gid] = Group(
            gid, county, side, kind, tuple(sorted(units)), len(towns[(county, side, kind)])
        )
        group_of.update(dict.fromkeys(units, gid))
    return group_of


def _flows(model: Model, group_of: dict[str, str], counties: dict[str, County]) -> dict[tuple[str, str], Flow]:
    route_of: dict[str, str] = {}
    for r in sorted(model.routes, key=lambda r: (r.number, r.id)):
        for h in r.handovers:
            route_of.setdefault(h, r.id)
    crossing: dict[tuple[str, str], Flow] = {}
    for h in sorted(model.handovers, key=lambda h: h.id):
        a, b = group_of[h.from_], group_of[h.to]
        ca, cb = a.split(":", 1)[0], b.split(":", 1)[0]
        counties[ca].handovers += 1
        if ca == cb:
            flow = counties[ca].flows.setdefault((a, b), Flow(a, b))
        else:
            flow = crossing.setdefault((ca, cb), Flow(ca, cb))
        flow.handovers.append(h.id)
        if h.id in route_of:
            flow.routes.append(route_of[h.id])
    order = {r.id: (r.number, r.id) for r in model.routes}
    for county in counties.values():
        for flow in county.flows.values():
            flow.routes = sorted(set(flow.routes), key=order.__getitem__)
        county.flows = dict(
            sorted(county.flows.items(), key=lambda kv: order[kv[1].routes[0]] if kv[1].routes else (1 << 30, ""))
        )
    return crossing


def _elements_units(model: Model, element_id: str) -> Iterable[str]:
    """The units an element stands for: itself, the ends of a handover, a responsibility's owner, ..."""
    kind = model.kind_of.get(element_id)
    e: Any = model.by_id.get(element_id)
    if kind == "units":
        yield element_id
    elif kind == "handovers":
        yield from (e.from_, e.to)
    elif kind == "responsibilities":
        yield e.owner
    elif kind == "sip_points":
        yield e.called_by
        yield from _elements_units(model, e.at)
    elif kind == "boundaries":
        yield from e.units
    elif kind == "routes":
        for h in e.handovers:
            yield from _elements_units(model, h)


def _principals_of(model: Model, element_id: str) -> set[str]:
    kind = model.kind_of.get(element_id)
    if kind == "principals":
        return {element_id}
    if kind == "principal_groups":
        return set(model.by_id[element_id].members)
    return {p for u in _elements_units(model, element_id) if u in model.by_id for p in unit_principals(model, u)}


def _place(model: Model, f: Finding, county_of: dict[str, str], catchment_towns: dict[str, tuple[str, ...]]) -> Place:
    principals: set[str] = set()
    for e in f.elements:
        principals |= _principals_of(model, e)
    ids = [f.data["catchment"]] if "catchment" in f.data else list(f.data.get("catchments", ()))
    towns = {p for p in principals if model.by_id[p].kind == MUNICIPALITY}
    for cid in ids:
        towns.update(catchment_towns.get(cid, ()))
    counties = {county_of[p] for p in principals | towns}
    return Place(frozenset(counties), frozenset(towns))


def summarise(model: Model, findings: Iterable[Finding] = ()) -> Summary:
    """The model per county: groups of units, flows of handovers, where each finding is."""
    county_of = {p.id: p.county for p in model.principals}
    counties: dict[str, County] = {}
    for p in model.principals:
        c = counties.setdefault(p.county, County(p.county, None))
        if p.kind == REGION and c.region is None:
            c.region = p.id
        elif p.kind == MUNICIPALITY:
            c.municipalities.append(p.id)
    for g in model.principal_groups:
        county_of[g.id] = county_of[g.members[0]]
    group_of = _groups(model, county_of, counties)
    crossing = _flows(model, group_of, counties)
    towns = {c.id: c.municipalities for c in catchments(model)}
    places = {f.id: _place(model, f, county_of, towns) for f in findings}
    municipality_county = {m: c.id for c in counties.values() for m in c.municipalities}
    return Summary(sorted(counties.values(), key=lambda c: c.id), crossing, group_of, places, municipality_county)
