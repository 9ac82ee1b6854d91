"""Property: the coverage held once per block of units (``blocks``) is each catchment's own
coverage (``coverage``), and PW111's share of a step taken by others, united over a
catchment's blocks, is the one read off that catchment's coverage. Random models: a small
synthetic model whose units move between principals (so the catchments and their blocks
change) and whose responsibilities change owner or are left out."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.analysis.coverage import blocks, catchments, coverage
from pathways.analysis.profiles import ProfileSpace
from pathways.gaps.core import Context
from pathways.gaps.rules.pw111_device_process_split import _active, _Split
from pathways.model.load import load_model
from pathways.model.model import Model
from pathways.synth import synthesize, write_synth


@lru_cache(maxsize=1)
def small() -> Model:
    """A synthetic model of 2 regions and 5 municipalities, made once."""
    with tempfile.TemporaryDirectory() as out:
        write_synth(synthesize(2, 5, 1), Path(out), scenarios=False)
        return load_model(out)


Plan = tuple[dict[int, int], list[bool], dict[int, int]]
"""Units moved (unit index -> principal index), responsibilities kept, responsibilities given a
new owner (index -> unit index): a small value to draw (a model's repr is half a megabyte)."""


def plans() -> st.SearchStrategy[Plan]:
    base = small()
    owners = len(base.principals) + len(base.principal_groups)
    units, resps = len(base.units), len(base.responsibilities)
    return st.tuples(
        st.dictionaries(st.integers(0, units - 1), st.integers(0, owners - 1), max_size=8),
        st.lists(st.booleans(), min_size=resps, max_size=resps),
        st.dictionaries(st.integers(0, resps - 1), st.integers(0, units - 1)),
    )


def model_of(plan: Plan) -> Model:
    base = small()
    moved, kept, reowned = plan
    owners = [p.id for p in base.principals] + [g.id for g in base.principal_groups]
    collections = {k: list(v) for k, v in base.collections.items()}
    collections["units"] = [
        u.model_copy(update={"principal": owners[moved[i]]}) if i in moved else u for i, u in enumerate(base.units)
    ]
    collections["responsibilities"] = [
        r.model_copy(update={"owner": base.units[reowned[i]].id}) if i in reowned else r
        for i, (r, keep) in enumerate(zip(base.responsibilities, kept, strict=True))
        if keep or i in reowned
    ]
    return Model(meta=base.meta, collections=collections, root=base.root)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_the_blocks_of_a_catchment_hold_its_coverage(plan):
    model = model_of(plan)
    space = ProfileSpace.of(model)
    found = catchments(model)
    held = blocks(model, space, found)
    order = {r.id: i for i, r in enumerate(model.responsibilities)}
    assert sorted(held.block_of) == sorted({u for c in found for u in c.units})
    for u, b in held.block_of.items():  # PW103 reads a unit's catchments off its block
        assert held.catchments_of[b] == tuple(i for i, c in enumerate(found) if u in c.units)
    for index, c in enumerate(found):
        mine = held.of_catchment[index]
        assert {held.block_of[u] for u in c.units} == set(mine)
        assert {u for u, b in held.block_of.items() if b in mine} == c.units
        merged: dict[tuple[str, str], list] = {}
        for b in mine:
            for cell, entries in held.cells[b].items():
                merged.setdefault(cell, []).extend(entries)
        merged = {cell: sorted(entries, key=lambda e: order[e[0]]) for cell, entries in merged.items()}
        own = coverage(model, space, c)
        assert merged == own.by_cell
        assert held.required == own.required


def _taken_from_coverage(ctx: Context, cov, need: str, event: str, after: int, owner: str) -> int:
    """What another unit than ``owner`` owns of ``need`` then, read off the catchment's whole coverage."""
    taken = 0
    for s in ctx.model.settings:
        for rid, unit, profiles in cov.by_cell.get((need, s.id), ()):
            if unit != owner and _active(ctx.model.by_id[rid].window, event, after):
                taken |= profiles
    return taken


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_a_step_taken_by_others_is_united_over_the_blocks(plan):
    model = model_of(plan)
    ctx = Context(model)
    steps = [n for n in model.needs if n.category == "device_step"]
    split = _Split(ctx, steps)
    days = {
        (w.event, d)
        for r in model.responsibilities
        if (w := r.window)
        for d in (w.start_day, w.end_day)
        if d is not None
    }
    days |= {(event, day + 1) for event, day in days}
    for index, c in enumerate(ctx.catchments):
        cov = coverage(model, ctx.space, c)
        for n in steps:
            owners = sorted({unit for s in model.settings for _, unit, _ in cov.by_cell.get((n.id, s.id), ())})
            for owner in owners:
                for event, after in sorted(days):
                    got = split.taken_by_others(index, n.id, event, after, owner)
                    assert got == _taken_from_coverage(ctx, cov, n.id, event, after, owner)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_pw102_pairs_kept_per_cell_equal_those_found_anew(plan):
    """PW102 keeps each cell's pairs by the groups of owners in it, for the next catchment with
    the same groups there; the hits equal those of finding every catchment's cells anew. Fails
    if the pairs are kept by the cell alone, or by its first group of owners (tried)."""
    from pathways.gaps.rules import pw102_overlap

    model = model_of(plan)

    def hits() -> list[tuple]:
        return [(h.key, h.elements, h.profiles, h.data) for h in pw102_overlap.check(Context(model))]

    kept = hits()
    anew = pw102_overlap._overlaps
    try:
        pw102_overlap._overlaps = lambda required, mine, windows, mask, memo=None: anew(required, mine, windows, mask)
        assert kept == hits()
    finally:
        pw102_overlap._overlaps = anew
