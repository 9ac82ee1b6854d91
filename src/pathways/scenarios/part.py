"""The part of a changed model that its changes can reach, for the cross-element checks.

A changed model differs from its base in the elements added, replaced and removed (the
elements it shares with the base are the same objects). When the base is clean, a problem
of the changed model stands at an element whose own check reads something that changed:

- a changed element's own fields, and whether the ids it names are elements (and of which
  kind): every id an unchanged element names was an element of the base, and keeps its kind
  (otherwise there is no part: check the whole model), and none of them is removed (what
  named a removed element was changed with it, as :func:`apply_scenarios` makes sure);
- what a check reads of another element: a principal's kind (its groups, and the units of
  the principal or of its groups), a group's members (its units), a care level's principal
  kind (its units), a unit's settings (the responsibilities it owns), a handover's ends and
  the kind of unit the last one ends at (the routes through it);
- the checks across a whole collection: cycles of care levels and of needs, numbers of
  routes and grey zones, step ids (against each other and against every id), dimensions
  (the values every profile is checked against: a changed dimension means the whole model).

:func:`reach` gives the changed model restricted to those elements (with every id of the
changed model still known), or None when the whole model must be checked.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import Any

from pathways.model.model import Model, same_elements
from pathways.model.schema import COLLECTIONS

WHOLE_WHEN_TOUCHED = ("care_levels", "needs", "routes", "grey_zones")
"""Collections checked across all their elements (cycles, numbers, step ids)."""


@dataclass
class _Delta:
    """The elements that differ: those of the changed model that are new (replaced or added)
    and the ids of those removed, per collection; the ids added (in no collection before)."""

    new: dict[str, list[Any]]
    removed: dict[str, set[str]]
    added: set[str]

    def touched(self, name: str) -> set[str]:
        return {e.id for e in self.new[name]} | self.removed[name]


def _not_in(items: list, objects: list) -> list:
    """The elements of ``items`` that are not (as objects) among ``objects``, in order."""
    kept = set(map(id, objects))
    return list(compress(items, map(not_, map(kept.__contains__, map(id, items)))))


def _delta(base: Model, changed: Model) -> _Delta | None:
    """What differs between the models, or None if an id changes its kind (or names two kinds)."""
    delta = _Delta({}, {}, set())
    for name in COLLECTIONS:
        before, after = base.collections[name], changed.collections[name]
        if same_elements(before, after):
            new, gone = [], []
        else:
            new, gone = _not_in(after, before), [e.id for e in _not_in(before, after)]
        if any(changed.kind_of[e.id] != name or base.kind_of.get(e.id, name) != name for e in new):
            return None
        if any(changed.kind_of.get(i, name) != name for i in gone):
            return None
        delta.new[name] = new
        delta.removed[name] = {i for i in gone if i not in changed.kind_of}
        delta.added.update(e.id for e in new if e.id not in base.kind_of)
    return delta


def _principal_referrers(changed: Model, delta: _Delta) -> tuple[list, list]:
    """The principal groups and the units whose checks read a changed principal, group or care level."""
    principals = delta.touched("principals")
    groups = [g for g in changed.principal_groups if any(p in principals for p in g.members)]
    owners = principals | {g.id for g in groups} | delta.touched("principal_groups")
    levels = delta.touched("care_levels")
    if not (owners or levels):
        return groups, []
    return groups, [u for u in changed.units if u.principal in owners or u.care_level in levels]


def _routes_hit(changed: Model, delta: _Delta) -> list:
    """Routes through a changed handover or ending at a changed unit, or with a step id now taken."""
    handovers, units, added = delta.touched("handovers"), delta.touched("units"), delta.added
    if not (handovers or units or added):
        return []
    by_id = changed.by_id

    def reads(r) -> bool:
        if any(h in handovers for h in r.handovers) or any(s.id in added for s in r.steps):
            return True
        return bool(units) and getattr(by_id.get(r.handovers[-1]), "to", None) in units

    return [r for r in changed.routes if reads(r)]


def reach(base: Model, changed: Model) -> Model | None:
    """``changed`` with only the elements its changes from a clean ``base`` can make wrong,
    or None when the whole of it is to be checked. The part is asked only whether it has a
    problem: its collections are whole, or the new elements first, then those that read them."""
    delta = _delta(base, changed)
    if delta is None or changed.meta is not base.meta or delta.touched("dimensions"):
        return None
    wanted = dict(delta.new)
    groups, units_read = _principal_referrers(changed, delta)
    wanted["principal_groups"] = wanted["principal_groups"] + groups
    wanted["units"] = wanted["units"] + units_read
    units = delta.touched("units")
    if units:
        wanted["responsibilities"] = wanted["responsibilities"] + [
            r for r in changed.responsibilities if r.owner in units
        ]
    wanted["routes"] = wanted["routes"] + _routes_hit(changed, delta)
    whole = {"dimensions", *(name for name in WHOLE_WHEN_TOUCHED if delta.touched(name))}
    part = copy.copy(changed)
    part.collections = {
        name: list(items) if name in whole else list({id(e): e for e in wanted[name]}.values())
        for name, items in changed.collections.items()
    }
    return part
