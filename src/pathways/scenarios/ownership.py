"""Who owns each need, per setting and profile, before and after the scenarios: what differs.

:class:`Indexed` makes the two models' gap-rule contexts once (the changed model's reusing
the base's profile space, handover masks and responsibility cells where the scenarios leave
them as they are); the comparison reads the coverage of only the catchments whose owners can
differ (:meth:`Indexed.compared`), in each model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pathways.analysis.coverage import (
    Coverage,
    coverages,
    differing_catchments,
    responsibility_cells,
    setting_masks,
)
from pathways.analysis.profiles import ProfileSpace
from pathways.gaps.core import Context, Options
from pathways.model.model import Model


@dataclass
class Owner:
    unit: str
    responsibility: str
    window: dict | None

    def key(self) -> tuple:
        w = self.window
        return (self.unit, tuple(sorted(w.items())) if w else None)

    def text(self) -> str:
        if not self.window:
            return self.unit
        w = self.window
        lo = "" if w.get("start_day") is None else f"{w['start_day']:+d}"
        hi = "" if w.get("end_day") is None else f"{w['end_day']:+d}"
        unit = " vardagar" if w.get("days") == "working" else ""
        return f"{self.unit} ({w['event']} {lo}..{hi}{unit})"


@dataclass
class OwnershipChange:
    """For some profiles, a need in a setting has other owners after the scenarios."""

    catchment: str
    need: str
    setting: str
    profiles: list[dict]
    profiles_text: dict[str, list[str]]
    before: list[Owner]
    after: list[Owner]

    def as_dict(self) -> dict:
        return {
            "catchment": self.catchment,
            "need": self.need,
            "setting": self.setting,
            "profiles": self.profiles,
            "profiles_text": self.profiles_text,
            "before": [o.unit for o in self.before],
            "after": [o.unit for o in self.after],
            "before_detail": [o.__dict__ | {"text": o.text()} for o in self.before],
            "after_detail": [o.__dict__ | {"text": o.text()} for o in self.after],
        }


def _dimensions(model: Model) -> list[tuple[str, list[str]]]:
    return [(d.id, [v.id for v in d.values]) for d in model.dimensions]


@dataclass
class Indexed:
    """The gap-rule contexts of a model and of the model changed by scenarios, and the
    catchments whose coverage can differ between them (None: any of them)."""

    before: Context
    after: Context
    only: set[str] | None

    @classmethod
    def of(cls, base: Model, changed: Model, options: Options | None = None, before: Context | None = None) -> Indexed:
        """The two contexts (``before``, if given, is the base's, shared by several changed
        models); the changed one keeps the base's profile space when the dimensions and their
        values are the same (``ProfileSpace.of`` reads nothing else), with the masks of the
        handovers and the cells of the responsibilities the scenarios leave as they are
        (:func:`_kept_masks`, :func:`_kept_cells`): what it would make anew."""
        before = before if before is not None else Context(base, options=options)
        after = Context(changed, options=options)
        only = differing_catchments(base, changed, before.catchments, after.catchments)
        if _dimensions(base) == _dimensions(changed):
            after.space = before.space  # a function of the dimensions alone; its caches are kept
            after.handover_masks = _kept_masks(base, changed, before)
            if only is not None:
                after.responsibility_cells = _kept_cells(base, changed, before, after)
        return cls(before, after, only)

    def owning(self) -> set[str] | None:
        """The catchments of ``only`` (None: every one) where the owners of some cell can differ.

        A catchment in both models has the same entries in every cell, so the same owners,
        unless a responsibility owned by one of its units (in either model) is not the same
        object in both, has an owner unit that is not, or has its owner in the catchment in
        one model only: a responsibility's cells are a function of itself, its owner unit and
        the profile space and settings (the same in both when ``only`` is not None). (With the
        principals the same, a unit that is the same object lies in the same catchments; the
        last condition keeps that out of the proof.) The owners' masks per cell are then equal,
        which is all :func:`ownership_changes` reads: the entries' order does not matter."""
        if self.only is None:
            return None
        base, changed = self.before.model, self.after.model
        kept = {id(r) for r in base.responsibilities} & {id(r) for r in changed.responsibilities}
        owners: set[str] = set()
        moved: set[str] = set()
        for model in (base, changed):
            for r in model.responsibilities:
                owners.add(r.owner)
                if id(r) not in kept or base.by_id.get(r.owner) is not changed.by_id.get(r.owner):
                    moved.add(r.owner)
        before = {c.id: c for c in self.before.catchments}
        after = {c.id: c for c in self.after.catchments}
        result = set()
        for cid in self.only:
            a, b = before.get(cid), after.get(cid)
            if (
                a is None
                or b is None
                or not moved.isdisjoint(a.units | b.units)
                or not owners.isdisjoint(a.units ^ b.units)
            ):
                result.add(cid)
        return result

    def compared(self) -> tuple[dict[str, Coverage], dict[str, Coverage]]:
        """The coverage of each catchment whose owners can differ (:meth:`owning`; None: every
        one), by catchment id, before and after, made in each model's context for those
        catchments alone (each catchment's coverage is made of its own units'
        responsibilities): no gap rule reads the coverages, so the others are never made."""
        owning = self.owning()

        def of(ctx: Context) -> dict[str, Coverage]:
            chosen = ctx.catchments if owning is None else [c for c in ctx.catchments if c.id in owning]
            return {c.id: cov for c, cov in coverages(ctx.model, ctx.space, chosen, ctx.responsibility_cells)}

        return of(self.before), of(self.after)


def _kept_masks(base: Model, changed: Model, before: Context) -> list[int]:
    """``Context.handover_masks`` of ``changed`` in a context sharing ``before``'s profile space.

    A handover's mask is ``space.mask(h.profile)``: a function of the handover and the space
    alone, so a handover the scenarios leave as it is (the same object in both models: the
    base's, alive while this runs, so no new element has its ``id``) keeps the base's."""
    made = dict(zip(map(id, base.handovers), before.handover_masks, strict=True))
    mask = before.space.mask
    return [made[key] if (key := id(h)) in made else mask(h.profile) for h in changed.handovers]


def _kept_cells(base: Model, changed: Model, before: Context, after: Context) -> tuple[dict[str, list[int]], list]:
    """``Context.responsibility_cells`` of ``changed``, each responsibility's cells kept from
    ``before`` when they cannot differ.

    Called only when the dimensions, needs and settings are the same objects in both models
    (``differing_catchments`` is not None) and the profile space is shared, so the settings'
    masks are equal; a responsibility's cells are a function of itself, its owner unit's
    settings, the space and those masks, so a responsibility and an owner unit that are the
    same objects in both models have the same cells."""
    _, cells_of = before.responsibility_cells
    made = dict(zip(map(id, base.responsibilities), cells_of, strict=True))
    owners_before, owners_after = base.by_id, changed.by_id

    def kept(r) -> list | None:
        found = made.get(id(r))
        owner = owners_after.get(r.owner)
        if found is None or owner is None or owners_before.get(r.owner) is not owner:
            return None
        return found

    return responsibility_cells(changed, after.space, setting_masks(changed, after.space), kept)


OwnerTable = dict[tuple[str, str, str], dict[tuple, tuple[Owner, int]]]
"""(catchment, need, setting) -> owner key -> (owner, profiles it owns there that need it)."""


class _Windows:
    """Each responsibility's window as plain data, made once."""

    def __init__(self, model: Model):
        self.model = model
        self.dumped: dict[str, dict | None] = {}

    def __call__(self, rid: str) -> dict | None:
        if rid not in self.dumped:
            r = self.model.by_id[rid]
            self.dumped[rid] = r.window.model_dump(mode="json") if r.window else None
        return self.dumped[rid]


def _cell_owners(entries: list, required: int, windows: _Windows) -> dict[tuple, tuple[Owner, int]]:
    cell: dict[tuple, tuple[Owner, int]] = {}
    for rid, unit, covered in entries:
        mask = covered & required
        if not mask:
            continue
        owner = Owner(unit, rid, windows(rid))
        old = cell.get(owner.key())
        cell[owner.key()] = (old[0] if old else owner, (old[1] if old else 0) | mask)
    return cell


def _same_cell(a: Coverage, b: Coverage, cell: tuple[str, str], base: Model, changed: Model) -> bool:
    """Whether a cell's owners are made of the same entries, required profiles and windows."""
    entries = a.by_cell.get(cell)
    if entries != b.by_cell.get(cell) or a.required.get(cell, 0) != b.required.get(cell, 0):
        return False
    for rid, _, _ in entries or ():
        ra, rb = base.by_id[rid], changed.by_id[rid]
        if ra is not rb and ra.window != rb.window:
            return False
    return True


def _owner_tables(indexed: Indexed) -> tuple[OwnerTable, OwnerTable]:
    """The owners of each cell of the catchments that can differ, before and after; a cell
    whose owners are made of the same entries in both is left out (it cannot differ)."""
    before, after = indexed.compared()
    base, changed = indexed.before.model, indexed.after.model
    windows = (_Windows(base), _Windows(changed))
    tables: tuple[OwnerTable, OwnerTable] = ({}, {})
    empty = Coverage(indexed.after.space, {}, {})
    for cid in sorted(before.keys() | after.keys()):
        covs = (before.get(cid, empty), after.get(cid, empty))
        for cell in dict.fromkeys([*covs[0].by_cell, *covs[1].by_cell]):
            if cid in before and cid in after and _same_cell(covs[0], covs[1], cell, base, changed):
                continue
            for table, cov, window in zip(tables, covs, windows, strict=True):
                owners = _cell_owners(cov.by_cell.get(cell, []), cov.required.get(cell, 0), window)
                if owners:
                    table[(cid, *cell)] = owners
    return tables


def _labels(model: Model) -> dict[str, dict[tuple[str, str], str]]:
    labels = {"sv": {("*", "*"): "alla profiler"}, "en": {("*", "*"): "every profile"}}
    for d in model.dimensions:
        for v in d.values:
            labels["sv"][(d.id, v.id)] = v.label.sv
            labels["en"][(d.id, v.id)] = v.label.en
    return labels


def _order(key: Any) -> Any:
    """A sort key for owner keys that orders them as their values do, with None (no
    window, an open end) first: one unit can own a cell with and without a window."""
    if key is None:
        return (0,)
    if isinstance(key, tuple):
        return (1, tuple(_order(k) for k in key))
    return (1, key)


def _groups(b: dict, a: dict, diff: int) -> dict[tuple, int]:
    """The profiles of ``diff`` grouped by their owners (keys) before and after."""
    groups: dict[tuple, int] = defaultdict(int)
    bits = diff
    while bits:
        low = bits & -bits
        pos = low.bit_length() - 1
        sig = (
            tuple(sorted((k for k, (_, mask) in b.items() if mask >> pos & 1), key=_order)),
            tuple(sorted((k for k, (_, mask) in a.items() if mask >> pos & 1), key=_order)),
        )
        groups[sig] |= low
        bits ^= low
    return groups


def ownership_changes(
    base: Model, changed: Model, indexed: Indexed | None = None
) -> tuple[list[OwnershipChange], list[str]]:
    """Who owns each need, per setting and profile, before and after; only what differs.

    ``indexed``, if given, holds the contexts of the two models (their gap runs made the
    profile spaces and responsibility cells already); otherwise they are made here."""
    dims_a = _dimensions(base)
    if dims_a != _dimensions(changed):
        return [], [
            "the scenarios change the profile dimensions; ownership is not compared / profildimensionerna ändras, ägarskap jämförs inte"
        ]
    space = ProfileSpace(dims_a)
    before, after = _owner_tables(indexed or Indexed.of(base, changed))
    labels = _labels(changed)
    need_order = {n.id: i for i, n in enumerate(changed.needs)} | {n.id: i for i, n in enumerate(base.needs)}
    setting_order = {s.id: i for i, s in enumerate(changed.settings)} | {s.id: i for i, s in enumerate(base.settings)}
    rows: list[OwnershipChange] = []
    for cell in sorted(
        set(before) | set(after), key=lambda c: (c[0], need_order.get(c[1], 99), setting_order.get(c[2], 99))
    ):
        b, a = before.get(cell, {}), after.get(cell, {})
        diff = 0
        for key in set(b) | set(a):
            diff |= b.get(key, (None, 0))[1] ^ a.get(key, (None, 0))[1]
        for (kb, ka), mask in _groups(b, a, diff).items():
            if kb == ka:
                continue
            cubes = space.minimal_cubes(mask)
            rows.append(
                OwnershipChange(
                    catchment=cell[0],
                    need=cell[1],
                    setting=cell[2],
                    profiles=cubes,
                    profiles_text={lang: [space.describe(c, labels[lang]) for c in cubes] for lang in ("sv", "en")},
                    before=[b[k][0] for k in kb],
                    after=[a[k][0] for k in ka],
                )
            )
    return rows, []
