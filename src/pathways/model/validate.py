"""Checks across elements: references, their kinds, time windows, and domain sanity.

pydantic checks each element's own fields; this module checks what needs the whole
model. Each check adds :class:`Problem` rows pointing at the field that is wrong.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from pathways.model.checker import Checker, cycles
from pathways.model.errors import Problem
from pathways.model.model import Model
from pathways.model.schema import Element, GreyZone, Status, UnitKind

_OUTSIDE_LEVELS = {UnitKind.needs_assessment.value, UnitKind.device_centre.value}


def _principal_kinds(m: Model, principal_id: str) -> set[str]:
    element = m.get(principal_id)
    if element is None:
        return set()
    if m.kind_of[principal_id] == "principal_groups":
        return {m.by_id[p].kind for p in element.members if m.kind_of.get(p) == "principals"}
    return {element.kind}


def check_model(m: Model) -> list[Problem]:
    """Every cross-element problem of a model, unsorted (ModelError sorts)."""
    c = Checker(m)
    c.source(m.meta.id, m.meta.source)
    for check in _CHECKS:
        check(c, m)
    return c.problems


def _check_elements(c: Checker, m: Model) -> None:
    """Sources, assumptions and grey zones of every element."""
    assumption = Status.assumption.value
    kind_of = m.kind_of
    for _, e in m.elements():
        if not isinstance(e, Element | GreyZone):
            continue  # a source document cites nothing
        if kind_of.get(e.source.doc) != "sources":  # ``source`` says more only when this fails
            c.source(e.id, e.source)
        if isinstance(e, Element):
            if e.status == assumption and not e.note:
                c.add(e.id, ("status",), "an assumption needs a 'note' that says what the users should confirm")
            if e.grey_zones:
                c.refs(e.id, "grey_zones", e.grey_zones, "grey_zones")


def _check_principals_and_levels(c: Checker, m: Model) -> None:
    """Principal groups and the care levels' parents."""
    for g in m.principal_groups:
        c.refs(g.id, "members", g.members, "principals")
        kinds = {m.by_id[p].kind for p in g.members if m.kind_of.get(p) == "principals"}
        if len(kinds) > 1:
            c.add(g.id, ("members",), "a principal group mixes regions and municipalities; make one group per kind")
    for cl in m.care_levels:
        c.ref(cl.id, ("parent",), cl.parent, "care_levels")
    if m.care_levels:
        levels = [(cl.id, cl.parent) for cl in m.care_levels if cl.parent in m.by_id]
        for cycle_node in {n for comp in cycles(levels) for n in comp}:
            c.add(cycle_node, ("parent",), "care levels form a cycle through 'parent'")


def _check_units(c: Checker, m: Model) -> None:
    """Each unit's principal, care level and settings."""
    for u in m.units:
        ok_principal = c.ref(u.id, ("principal",), u.principal, "principals", "principal_groups")
        ok_level = c.ref(u.id, ("care_level",), u.care_level, "care_levels")
        c.refs(u.id, "settings", u.settings, "settings")
        if u.care_level is None and u.kind not in _OUTSIDE_LEVELS:
            c.add(
                u.id,
                ("kind",),
                "missing 'care_level'; only social services and the device centre are outside the care levels",
            )
        if ok_principal and ok_level and u.care_level is not None:
            level_kind = m.by_id[u.care_level].principal_kind
            kinds = _principal_kinds(m, u.principal)
            if kinds and kinds != {level_kind}:
                c.add(
                    u.id,
                    ("care_level",),
                    f"care level '{u.care_level}' belongs to a {level_kind}, but the unit's principal '{u.principal}' is a {'/'.join(sorted(kinds))}",
                )


def _check_needs(c: Checker, m: Model) -> None:
    """Needs and their order, dimensions, settings."""
    need_order: list[tuple[str, str]] = []
    for n in m.needs:
        c.refs(n.id, "after", n.after, "needs")
        c.profile(n.id, "applies_to", n.applies_to)
        c.refs(n.id, "settings", n.settings, "settings")
        need_order.extend((a, n.id) for a in n.after if m.kind_of.get(a) == "needs")
    for comp in cycles(need_order):
        for nid in comp:
            c.add(nid, ("after",), f"needs {', '.join(sorted(comp))} wait for each other through 'after'")
    for d in m.dimensions:
        ids = [v.id for v in d.values]
        for index, vid in enumerate(ids):
            if ids.index(vid) != index:
                c.add(d.id, ("values", index, "id"), f"value '{vid}' stands twice")
    for s in m.settings:
        c.profile(s.id, "profile", s.profile)


def _check_responsibilities(c: Checker, m: Model) -> None:
    """Responsibilities: needs, owner, settings, window, payer."""
    for r in m.responsibilities:
        c.refs(r.id, "needs", r.needs, "needs")
        owner_ok = c.ref(r.id, ("owner",), r.owner, "units")
        c.profile(r.id, "profile", r.profile)
        c.refs(r.id, "settings", r.settings, "settings")
        if owner_ok:
            owner_settings = set(m.by_id[r.owner].settings)
            for index, s in enumerate(r.settings):
                if s in m.by_id and s not in owner_settings:
                    c.add(
                        r.id,
                        ("settings", index),
                        f"the owner '{r.owner}' does not work in setting '{s}'; its settings: {', '.join(sorted(owner_settings))}",
                    )
        if r.window is not None:
            c.ref(r.id, ("window", "event"), r.window.event, "events")
            if None not in (r.window.start_day, r.window.end_day) and r.window.start_day > r.window.end_day:
                c.add(
                    r.id,
                    ("window", "end_day"),
                    f"the window ends (day {r.window.end_day}) before it starts (day {r.window.start_day}); end_day must be >= start_day",
                )
        c.ref(r.id, ("payer",), r.payer, "units", "principals", "principal_groups")
        c.ref(r.id, ("cost_rule",), r.cost_rule, "cost_rules")
        if r.payer is not None and r.payer == r.owner:
            c.add(r.id, ("payer",), "the payer is the owner; leave 'payer' out when the owner pays")


def _check_rules(c: Checker, m: Model) -> None:
    """Cost and coordination rules."""
    for cr in m.cost_rules:
        c.refs(cr.id, "needs", cr.needs, "needs")
        c.ref(cr.id, ("payer",), cr.payer, "units", "principals", "principal_groups")
    for co in m.coordination_rules:
        c.refs(co.id, "needs", co.needs, "needs")
        c.refs(co.id, "owners", co.owners, "units")
        c.profile(co.id, "profile", co.profile)


def _check_handovers(c: Checker, m: Model) -> None:
    """Handovers: ends, trigger, gate, what happens on a no."""
    kind_of = m.kind_of
    for h in m.handovers:
        # ``kind_of`` first, as ``refs`` does: ``ref`` is called (and says more) only when that fails
        ok_from = kind_of.get(h.from_) == "units" or c.ref(h.id, ("from",), h.from_, "units")
        ok_to = kind_of.get(h.to) == "units" or c.ref(h.id, ("to",), h.to, "units")
        if ok_from and ok_to and h.from_ == h.to:
            c.add(h.id, ("to",), "a handover goes from a unit to another unit, not to itself")
        if kind_of.get(h.trigger) != "events":
            c.ref(h.id, ("trigger",), h.trigger, "events")
        for need in h.needs:
            if kind_of.get(need) != "needs":  # ``refs`` says which (it checks them all again)
                c.refs(h.id, "needs", h.needs, "needs")
                break
        if h.profile:
            c.profile(h.id, "profile", h.profile)
        if h.crosses:
            c.refs(h.id, "crosses", h.crosses, "boundaries")
        if h.gate is not None and kind_of.get(h.gate.by) != "roles":
            c.ref(h.id, ("gate", "by"), h.gate.by, "roles")
        if h.on_reject is not None:
            _check_reject(c, h.id, h.on_reject)
        if len(set(h.passes)) != len(h.passes):
            for index, item in enumerate(h.passes):
                if h.passes.index(item) != index:
                    c.add(h.id, ("passes", index), f"'{item}' is listed twice")


def _check_reject(c: Checker, handover_id: str, reject) -> None:
    """What happens on a no: a unit, an escalation path, or both."""
    kind_of = c.m.kind_of
    if kind_of.get(reject.to) != "units":
        c.ref(handover_id, ("on_reject", "to"), reject.to, "units")
    if kind_of.get(reject.escalation) != "escalation_paths":
        c.ref(handover_id, ("on_reject", "escalation"), reject.escalation, "escalation_paths")
    if reject.to is None and reject.escalation is None:
        c.add(
            handover_id,
            ("on_reject",),
            "'on_reject' names neither a unit ('to') nor an escalation path ('escalation')",
        )


def _check_routes(c: Checker, m: Model) -> None:
    """Routes: numbers, an unbroken chain into home healthcare, their steps."""
    numbers: dict[int, str] = {}
    step_routes: dict[str, str] = {}
    for r in m.routes:
        c.refs(r.id, "handovers", r.handovers, "handovers")
        c.refs(r.id, "also_at", r.also_at, "handovers")
        c.profile(r.id, "profile", r.profile)
        if r.number in numbers:
            c.add(r.id, ("number",), f"route number {r.number} is taken by '{numbers[r.number]}'")
        numbers.setdefault(r.number, r.id)
        chain = [m.by_id[h] for h in r.handovers if m.kind_of.get(h) == "handovers"]
        if len(chain) == len(r.handovers):
            for index, (a, b) in enumerate(itertools.pairwise(chain)):
                if a.to != b.from_:
                    c.add(
                        r.id,
                        ("handovers", index + 1),
                        f"the route breaks: '{a.id}' ends at '{a.to}' but '{b.id}' starts at '{b.from_}'",
                    )
            last = m.by_id.get(chain[-1].to) if m.kind_of.get(chain[-1].to) == "units" else None
            if last is not None and last.kind != UnitKind.home_healthcare.value:
                c.add(
                    r.id,
                    ("handovers", len(chain) - 1),
                    f"a route into municipal home healthcare must end at a home_healthcare unit, not at '{last.id}' ({last.kind})",
                )
        for index, step in enumerate(r.steps):
            c.ref(r.id, ("steps", index, "actor"), step.actor, "roles", "units")
            c.ref(r.id, ("steps", index, "after"), step.after, "events")
            c.ref(r.id, ("steps", index, "done_by"), step.done_by, "events")
            c.ref(r.id, ("steps", index, "not_before"), step.not_before, "events")
            c.profile(r.id, ("steps", index, "profile"), step.profile)
            c.source(r.id, step.source, ("steps", index))
            if step.status == Status.assumption.value and not step.note:
                c.add(
                    r.id,
                    ("steps", index, "status"),
                    f"step '{step.id}' is an assumption and needs a 'note' that says what to confirm",
                )
            if step.within_hours is None and step.within_days is None:
                c.add(
                    r.id, ("steps", index), f"step '{step.id}' has no time limit; give 'within_hours' or 'within_days'"
                )
            if step.id in m.by_id:
                c.add(r.id, ("steps", index, "id"), f"step id '{step.id}' is already the id of another element")
            elif step.id in step_routes:
                c.add(
                    r.id,
                    ("steps", index, "id"),
                    f"step id '{step.id}' is already the id of a step of route '{step_routes[step.id]}'",
                )
            step_routes.setdefault(step.id, r.id)


def _check_others(c: Checker, m: Model) -> None:
    """SIP points, events, escalation paths, boundaries, grey zone numbers."""
    for s in m.sip_points:
        c.ref(s.id, ("at",), s.at, "handovers", "units")
        c.ref(s.id, ("called_by",), s.called_by, "units")
        c.ref(s.id, ("role",), s.role, "roles")
        c.ref(s.id, ("after",), s.after, "events")
        c.refs(s.id, "participants", s.participants, "units")
        c.profile(s.id, "profile", s.profile)
        if s.within_days is not None and s.after is None:
            c.add(s.id, ("within_days",), "'within_days' needs 'after': the event the days count from")
    for ev in m.events:
        c.refs(ev.id, "requires", ev.requires, "events")
    for e in m.escalation_paths:
        c.refs(e.id, "between", e.between, "principals", "principal_groups")
    for b in m.boundaries:
        if c.ref(b.id, ("dimension",), b.dimension, "dimensions"):
            for field in ("from_value", "to_value"):
                value = getattr(b, field)
                if value not in c.dims[b.dimension]:
                    c.add(
                        b.id,
                        (field,),
                        f"'{value}' is not a value of '{b.dimension}'; values: {', '.join(sorted(c.dims[b.dimension]))}",
                    )
            if b.from_value == b.to_value:
                c.add(b.id, ("to_value",), "a boundary runs between two different values")
        c.refs(b.id, "units", b.units, "units")
    seen_numbers: dict[int, str] = {}
    for g in m.grey_zones:
        if g.number in seen_numbers:
            c.add(g.id, ("number",), f"grey zone number {g.number} is taken by '{seen_numbers[g.number]}'")
        seen_numbers.setdefault(g.number, g.id)


_CHECKS: tuple[Callable[[Checker, Model], None], ...] = (
    _check_elements,
    _check_principals_and_levels,
    _check_units,
    _check_needs,
    _check_responsibilities,
    _check_rules,
    _check_handovers,
    _check_routes,
    _check_others,
)
"""The checks, in the order their problems are found."""
