"""Who owns which need, for which profiles, where: the bit-set index the gap rules share.

A *catchment* is what one patient can reach: the units of the region of their county
and the units of their own municipality (directly or through a principal group).
Municipalities that reach the same units form one catchment, so the Dalarna model,
whose municipal units belong to the group of all 15 municipalities, has one catchment,
and a national model with units per municipality has one per municipality.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pathways.analysis.profiles import ProfileSpace
from pathways.model.model import Model, same_elements


@dataclass(frozen=True)
class Catchment:
    """Municipalities whose patients reach the same set of units."""

    id: str
    county: str
    municipalities: tuple[str, ...]
    units: frozenset[str]


@dataclass
class Coverage:
    """Profiles each responsibility covers, per (need, setting), and what is required."""

    space: ProfileSpace
    setting_mask: dict[str, int]
    required: dict[tuple[str, str], int]
    by_cell: dict[tuple[str, str], list[tuple[str, str, int]]] = field(default_factory=dict)
    """(need, setting) -> [(responsibility id, owner unit id, profiles)]"""


def unit_principals(model: Model, unit_id: str) -> list[str]:
    """The principals a unit belongs to (the members, when its principal is a group)."""
    return _principals_of(model, model.by_id[unit_id].principal)


def _principals_of(model: Model, principal_id: str) -> list[str]:
    owner = model.by_id[principal_id]
    return list(owner.members) if model.kind_of[principal_id] == "principal_groups" else [owner.id]


def catchments(model: Model) -> list[Catchment]:
    """The catchments of a model, in a stable order.

    >>> from pathways.model.load import load_model
    >>> [c.id for c in catchments(load_model("model"))]      # doctest: +SKIP
    ['dalarna']

    Cost: O(U * P_u) to sort the units by the principals they belong to, then
    O(M * U_m) to form each municipality's reach of U_m units (its own and its region's).
    A unit is read once: the sets it joins are worked out once per principal (a few
    hundred), not looked up in the model's index of every element once per unit.
    """
    principals = {p.id: p for p in model.principals}
    municipalities = [p for p in model.principals if p.kind == "municipality"]
    own: dict[str, set[str]] = defaultdict(set)
    regional: dict[str, set[str]] = defaultdict(set)
    joins: dict[str, list[set[str]]] = {}
    """Per principal of a unit: the sets its units join (its members', for a group)."""
    for u in model.units:
        sets = joins.get(u.principal)
        if sets is None:
            sets = joins[u.principal] = [
                own[pid] if principals[pid].kind == "municipality" else regional[principals[pid].county]
                for pid in _principals_of(model, u.principal)
            ]
        for joined in sets:
            joined.add(u.id)
    if not municipalities:
        counties = sorted({p.county for p in model.principals}) or [model.meta.county]
        return [Catchment(counties[0], counties[0], (), frozenset(u.id for u in model.units))]
    groups: dict[tuple[str, frozenset[str]], list[str]] = defaultdict(list)
    for m in municipalities:
        groups[(m.county, frozenset(own[m.id] | regional[m.county]))].append(m.id)
    per_county: dict[str, int] = defaultdict(int)
    for county, _ in groups:
        per_county[county] += 1
    result = []
    for (county, units), members in groups.items():
        cid = county if per_county[county] == 1 else f"{county}/{'+'.join(sorted(members))}"
        result.append(Catchment(cid, county, tuple(sorted(members)), units))
    return sorted(result, key=lambda c: c.id)


CellEntry = tuple[tuple[str, str], tuple[str, str, int]]
"""((need, setting), (responsibility id, owner unit id, profiles)): one cell a responsibility covers."""


def setting_masks(model: Model, space: ProfileSpace) -> dict[str, int]:
    """The profiles each setting admits."""
    return {s.id: space.mask(s.profile) for s in model.settings}


def coverage(model: Model, space: ProfileSpace, catchment: Catchment) -> Coverage:
    """Index, for one catchment, who covers which profiles of each (need, setting).

    Cost: O(R * N_r * S_r) for R responsibilities with N_r needs in S_r settings,
    plus O(N * S) for the required sets; each step is a big-int operation.
    """
    setting_mask = setting_masks(model, space)
    required = required_cells(model, space, setting_mask)
    cov = Coverage(space, setting_mask, required)
    for r in model.responsibilities:
        if r.owner not in catchment.units:
            continue
        owner = model.by_id[r.owner]
        profiles = space.mask(r.profile)
        for s in r.settings or owner.settings:
            for n in r.needs:
                cov.by_cell.setdefault((n, s), []).append((r.id, r.owner, profiles & setting_mask[s]))
    return cov


def coverages(
    model: Model,
    space: ProfileSpace,
    catchments: list[Catchment],
    made: tuple[dict[str, list[int]], list[list[CellEntry]]] | None = None,
) -> list[tuple[Catchment, Coverage]]:
    """``coverage`` of each catchment, with what they share computed once.

    The same result as ``[(c, coverage(model, space, c)) for c in catchments]``; the
    responsibilities are indexed by owner, so each catchment reads only its own units'
    (a national model has 290 catchments of a few hundred units among 4,000).
    ``made``, if given, is :func:`responsibility_cells` of the model (made once per
    analysis: a rule reads it too).
    Cost: O(R + N * S) once, then O(R_c * N_r * S_r) per catchment of R_c responsibilities.
    """
    setting_mask = setting_masks(model, space)
    required = required_cells(model, space, setting_mask)
    by_owner, cells_of = made if made is not None else responsibility_cells(model, space, setting_mask)
    result = []
    for catchment in catchments:
        cov = Coverage(space, dict(setting_mask), dict(required))
        cells = cov.by_cell
        for index in sorted(i for u in catchment.units for i in by_owner.get(u, ())):
            _add(cells, cells_of[index])
        result.append((catchment, cov))
    return result


def _add(cells: dict[tuple[str, str], list[tuple[str, str, int]]], pairs: list[CellEntry]) -> None:
    """One responsibility's ``(cell, entry)`` pairs appended to ``cells``, in order."""
    for cell, entry in pairs:
        found = cells.get(cell)
        if found is None:
            cells[cell] = [entry]
        else:
            found.append(entry)


@dataclass
class Blocks:
    """The coverage of every catchment, held once per block of units that lie in the same
    catchments (a region's units are in every catchment of its county, a municipality's in
    its own): a catchment's coverage is its blocks' together, each responsibility in one block.

    ``cells[b]`` is block ``b``'s (need, setting) -> [(responsibility id, owner unit id,
    profiles)], in model order; ``of_catchment[i]`` the blocks of the ``i``-th catchment;
    ``block_of`` the block of each unit in some catchment; ``required`` as in :class:`Coverage`;
    ``catchments_of[b]`` the catchments block ``b`` lies in (their indices, in order).
    """

    required: dict[tuple[str, str], int]
    cells: list[dict[tuple[str, str], list[tuple[str, str, int]]]]
    of_catchment: list[list[int]]
    block_of: dict[str, int]
    catchments_of: list[tuple[int, ...]]


def required_cells(model: Model, space: ProfileSpace, setting_mask: dict[str, int]) -> dict[tuple[str, str], int]:
    """The profiles each need requires in each setting where it must be owned. Cost: O(N * S)."""
    required = {}
    for n in model.needs:
        need_mask = space.mask(n.applies_to)
        for s in model.settings:
            if not n.settings or s.id in n.settings:
                required[(n.id, s.id)] = need_mask & setting_mask[s.id]
    return required


def blocks(
    model: Model,
    space: ProfileSpace,
    catchments: list[Catchment],
    made: tuple[dict[str, list[int]], list[list[CellEntry]]] | None = None,
) -> Blocks:
    """The :class:`Blocks` of the catchments: for each catchment ``c``, the entries of its
    blocks' cells are those of ``coverage(model, space, c)`` (each block's in model order).
    ``made``, if given, is :func:`responsibility_cells` of the model.
    Cost: O(sum of the catchments' units) to form the blocks, O(R * N_r * S_r) to fill them,
    each responsibility once (not once per catchment that reaches its owner).
    """
    setting_mask = setting_masks(model, space)
    member: dict[str, list[int]] = defaultdict(list)
    for index, catchment in enumerate(catchments):
        for u in catchment.units:
            member[u].append(index)
    number: dict[tuple[int, ...], int] = {}
    block_of = {u: number.setdefault(tuple(of), len(number)) for u, of in sorted(member.items())}
    of_catchment: list[list[int]] = [[] for _ in catchments]
    for of, b in number.items():
        for index in of:
            of_catchment[index].append(b)
    _, cells_of = made if made is not None else responsibility_cells(model, space, setting_mask)
    cells: list[dict[tuple[str, str], list[tuple[str, str, int]]]] = [{} for _ in number]
    for r, pairs in zip(model.responsibilities, cells_of, strict=True):
        held = block_of.get(r.owner)
        if held is None:
            continue
        _add(cells[held], pairs)
    return Blocks(required_cells(model, space, setting_mask), cells, of_catchment, block_of, list(number))


def responsibility_cells(
    model: Model,
    space: ProfileSpace,
    setting_mask: dict[str, int],
    kept: Callable[[Any], list[CellEntry] | None] | None = None,
) -> tuple[dict[str, list[int]], list[list[CellEntry]]]:
    """Each responsibility's cells with the profiles it covers there, and the responsibilities
    (by index) of each owner unit: what every catchment's coverage is made of.
    ``kept(r)``, if given, is a responsibility's cells already made (by its caller, which
    proves them the same), or None to make them here.
    Cost: O(R * N_r * S_r)."""
    by_owner: dict[str, list[int]] = defaultdict(list)
    cells_of: list[list[CellEntry]] = []
    for index, r in enumerate(model.responsibilities):
        by_owner[r.owner].append(index)
        made = kept(r) if kept is not None else None
        if made is not None:
            cells_of.append(made)
            continue
        owner = model.by_id[r.owner]
        profiles = space.mask(r.profile)
        pairs: list[CellEntry] = []
        for s in r.settings or owner.settings:
            entry = (r.id, r.owner, profiles & setting_mask[s])
            pairs.extend(((n, s), entry) for n in r.needs)
        cells_of.append(pairs)
    return by_owner, cells_of


def differing_catchments(
    base: Model,
    changed: Model,
    before: list[Catchment] | None = None,
    after: list[Catchment] | None = None,
) -> set[str] | None:
    """Ids of the catchments whose coverage can differ between two models; None: any of them.

    ``changed`` is ``base`` with some elements replaced (as ``apply_scenarios`` makes it:
    an element it does not change is the same object in both). A catchment can differ
    when it is not in both, when its units differ, or when one of its units, or a
    responsibility of one of them, was changed, added or removed. When needs, settings,
    profile dimensions or principals change, every catchment can.
    ``before`` and ``after``, if given, are the catchments of the two models.
    Cost: O(U + R) identity comparisons, plus the catchments of both models.
    """
    for name in ("needs", "settings", "dimensions", "principals", "principal_groups"):
        if not same_elements(base.collections[name], changed.collections[name]):
            return None
    touched: set[str] = set()
    for name in ("units", "responsibilities"):
        old: dict[str, Any] = {e.id: e for e in base.collections[name]}
        new: dict[str, Any] = {e.id: e for e in changed.collections[name]}
        for eid in old.keys() | new.keys():
            a, b = old.get(eid), new.get(eid)
            if a is not b:
                touched.update(e.id if name == "units" else e.owner for e in (a, b) if e is not None)
    old_catchments = {c.id: c for c in (catchments(base) if before is None else before)}
    new_catchments = {c.id: c for c in (catchments(changed) if after is None else after)}
    result = set()
    for cid in old_catchments.keys() | new_catchments.keys():
        ca, cb = old_catchments.get(cid), new_catchments.get(cid)
        if ca is None or cb is None or ca.units != cb.units or not touched.isdisjoint(ca.units):
            result.add(cid)
    return result
