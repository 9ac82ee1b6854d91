"""When does a patient's journey meet a finding?

A finding names elements of the model (``Finding.elements``) and the profiles it holds
for (``Finding.profiles``, cubes). A case meets it when the case's profile is inside one
of the cubes (or the finding gives none) and the journey touches the finding's most
specific elements:

1. handovers and SIP points: the handover happens (from its trigger day until both
   sender and receiver have acted), the SIP is held;
2. responsibilities: the responsibility gives the patient an owner that day;
3. units: the patient has contact with the unit (when the finding names a profile
   boundary, with two of its units: the patient crosses the boundary);
4. needs: the need is active for the patient (in one of the finding's settings, when
   the finding names settings);
5. events: the event happens;
6. settings: the patient is in the setting.

The first of these kinds that the finding names decides. A finding that names none of
them is read through what its elements point at (a route through its handovers, a
coordination rule through its units, a cost rule through its needs, a boundary through
its units, a principal or care level through its units, an escalation path or a role
through the handovers and SIP points that use it, a grey zone through the elements in
it). A finding with nothing to touch is met on the first day when the profile fits.

This reads any rule's findings the same way, so rules added later need no code here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pathways.analysis.profiles import ProfileSpace
from pathways.gaps.core import Finding
from pathways.model.model import Model

ORDER = ("handovers", "responsibilities", "units", "needs", "events", "settings")
"""Anchor kinds, most specific first; SIP points count with handovers."""

_DIRECT = {
    "handovers": "handovers",
    "sip_points": "handovers",
    "responsibilities": "responsibilities",
    "units": "units",
    "needs": "needs",
    "events": "events",
    "settings": "settings",
}


@dataclass(frozen=True)
class Anchor:
    """What of a journey must touch a finding, and for which profiles."""

    kind: str
    """One of :data:`ORDER`, or ``any``."""
    ids: frozenset[str]
    settings: frozenset[str]
    """For ``needs``: the settings the finding names (empty: any setting)."""
    mask: int
    """Profiles the finding holds for (bit set over the model's profile space)."""
    min_units: int = 1
    """For ``units``: how many of them the patient must have met (2 for a boundary: crossing it)."""

    def fits(self, profile_bit: int) -> bool:
        return bool(self.mask & profile_bit)


def _care_level_units(model: Model, level: str) -> set[str]:
    children = {level}
    grew = True
    while grew:
        grew = False
        for cl in model.care_levels:
            if cl.parent in children and cl.id not in children:
                children.add(cl.id)
                grew = True
    return {u.id for u in model.units if u.care_level in children}


def _derived(model: Model, element_id: str, depth: int = 0) -> list[tuple[str, str]]:
    """(anchor kind, id) pairs an indirect element points at."""
    kind = model.kind_of.get(element_id)
    if kind is None:
        return []
    e = model.by_id[element_id]
    if kind in _DIRECT:
        return [(_DIRECT[kind], element_id)]
    if kind == "routes":
        return [("handovers", h) for h in e.handovers]
    if kind == "coordination_rules":
        return [("units", u) for u in e.owners]
    if kind == "cost_rules":
        return [("needs", n) for n in e.needs]
    if kind == "boundaries":
        return [("units", u) for u in e.units]
    if kind == "principals":
        groups = {g.id for g in model.principal_groups if element_id in g.members}
        return [("units", u.id) for u in model.units if u.principal == element_id or u.principal in groups]
    if kind == "principal_groups":
        members = set(e.members) | {element_id}
        return [("units", u.id) for u in model.units if u.principal in members]
    if kind == "care_levels":
        return [("units", u) for u in sorted(_care_level_units(model, element_id))]
    if kind == "escalation_paths":
        return [("handovers", h.id) for h in model.handovers if h.on_reject and h.on_reject.escalation == element_id]
    if kind == "roles":
        return [("handovers", h.id) for h in model.handovers if h.gate and h.gate.by == element_id] + [
            ("handovers", s.id) for s in model.sip_points if s.role == element_id
        ]
    if kind == "grey_zones" and depth == 0:
        found = []
        for _, other in model.elements():
            if element_id in (getattr(other, "grey_zones", None) or ()):
                found.extend(_derived(model, other.id, depth + 1))
        return found
    return []


def anchor_of(model: Model, finding: Finding, space: ProfileSpace) -> Anchor:
    """The anchor of a finding in a model (see the module's description)."""
    mask = 0
    for cube in finding.profiles or ({},):
        try:
            mask |= space.mask(cube)
        except KeyError:
            continue
    if not finding.profiles:
        mask = space.full
    settings = frozenset(e for e in finding.elements if model.kind_of.get(e) == "settings")
    direct: dict[str, set[str]] = {}
    for e in finding.elements:
        kind = _DIRECT.get(model.kind_of.get(e, ""))
        if kind:
            direct.setdefault(kind, set()).add(e)
    chosen = direct
    if not direct:
        chosen = {}
        for e in finding.elements:
            for kind, target in _derived(model, e):
                chosen.setdefault(kind, set()).add(target)
    crossing = any(model.kind_of.get(e) == "boundaries" for e in finding.elements)
    for kind in ORDER:
        if chosen.get(kind):
            min_units = 2 if kind == "units" and crossing and len(chosen[kind]) > 1 else 1
            return Anchor(kind, frozenset(chosen[kind]), settings if kind == "needs" else frozenset(), mask, min_units)
    return Anchor("any", frozenset(), frozenset(), mask)


@dataclass
class Touch:
    """What a journey touches on one day."""

    handovers: set[str]
    responsibilities: set[str]
    units: set[str]
    needs: set[str]
    events: set[str]
    setting: str | None
    first_day: bool
    units_so_far: set[str] | None = None
    """Every unit met up to and including this day."""

    def meets(self, anchor: Anchor) -> bool:
        kind = anchor.kind
        if kind == "handovers":
            return bool(anchor.ids & self.handovers)
        if kind == "responsibilities":
            return bool(anchor.ids & self.responsibilities)
        if kind == "units":
            if anchor.min_units > 1:
                return (
                    bool(anchor.ids & self.units)
                    and len(anchor.ids & (self.units_so_far or self.units)) >= anchor.min_units
                )
            return bool(anchor.ids & self.units)
        if kind == "needs":
            if anchor.settings and self.setting not in anchor.settings:
                return False
            return bool(anchor.ids & self.needs)
        if kind == "events":
            return bool(anchor.ids & self.events)
        if kind == "settings":
            return self.setting in anchor.ids
        return self.first_day
