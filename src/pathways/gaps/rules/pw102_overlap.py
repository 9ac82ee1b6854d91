"""PW102 overlap: two kinds of unit own the same need for the same profiles and setting,
and no coordination rule says how they work together (a grey zone).

Owners are compared by unit kind, so parallel units of one kind (two health centres)
are not an overlap. A coordination rule covers a pair when it names the need, a unit
of each kind among its owners, and the profiles (its ``profile``, empty for all).

Owners are grouped once: units that lie in the same catchments form a block (a region's
units are in each catchment of its county, a municipality's in its own), and each block's
responsibilities are grouped per cell; a catchment's groups are its blocks' groups.
Cost: O(R * N_r * S_r) to group the owners, then O(C * N * S * (B + K^2)) bit-set operations
for B blocks of a catchment and K groups of owners alike in kind, time window and profiles
per cell (a few per kind, however many units).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from pathways.gaps.core import Context, Hit, Rule


def _windows_meet(a, b) -> bool:
    """Whether two responsibilities' time windows can hold on the same day."""
    if a is None or b is None or a.event != b.event:
        return True
    lo = max(x for x in (a.start_day, b.start_day, -(10**6)) if x is not None)
    hi = min(x for x in (a.end_day, b.end_day, 10**6) if x is not None)
    return lo <= hi


Group = tuple[str, tuple, int]
"""(unit kind, time window as a tuple, profiles): owners alike in what decides an overlap."""


def _window_key(window) -> tuple:
    return () if window is None else (window.event, window.start_day, window.end_day, window.days)


def _groups(ctx: Context) -> tuple[list[dict[tuple[str, str], dict[Group, list]]], dict]:
    """Each block's owners (:attr:`Context.blocks`) grouped per cell by kind, window and
    profiles, and a window per window key."""
    model = ctx.model
    kind_of = {u.id: u.kind for u in model.units}
    windows: dict[tuple, object] = {}
    wkey_of = {}
    for r in model.responsibilities:
        wkey = wkey_of[r.id] = _window_key(r.window)
        windows.setdefault(wkey, r.window)
    groups: list[dict[tuple[str, str], dict[Group, list]]] = []
    for cells in ctx.blocks.cells:
        mine: dict[tuple[str, str], dict[Group, list]] = {}
        for cell, entries in cells.items():
            grouped: dict[Group, list] = {}
            for rid, unit, m in entries:
                grouped.setdefault((kind_of[unit], wkey_of[rid], m), []).append((rid, unit))
            mine[cell] = grouped
        groups.append(mine)
    return groups, windows


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    kind_of = {u.id: u.kind for u in model.units}
    rules_by_need: dict[str, list] = {}
    for rule in model.coordination_rules:
        for n in rule.needs:
            rules_by_need.setdefault(n, []).append(rule)
    rule_kinds = {id(rule): {kind_of[o] for o in rule.owners} for rule in model.coordination_rules}
    coordinated: dict[tuple[str, str, str], int] = {}

    def coordinated_mask(need: str, k1: str, k2: str) -> int:
        """The profiles for which a coordination rule covers kinds k1 and k2 on ``need``."""
        key = (need, k1, k2)
        found = coordinated.get(key)
        if found is None:
            found = 0
            for rule in rules_by_need.get(need, ()):
                if k1 in rule_kinds[id(rule)] and k2 in rule_kinds[id(rule)]:
                    found |= ctx.space.mask(rule.profile)
            coordinated[key] = found
        return found

    groups, windows = _groups(ctx)
    required = ctx.blocks.required
    memo: dict = {}
    for index, catchment in enumerate(ctx.catchments):
        mine = [groups[b] for b in ctx.blocks.of_catchment[index]]
        yield from _hits(ctx, catchment, _overlaps(required, mine, windows, coordinated_mask, memo))


CellPair = tuple[str, str, list[tuple[str, str]], int]
"""Two unit kinds that overlap in one cell: (kind, kind, their (responsibility, unit) pairs, profiles)."""


def _overlaps(
    required_of: dict, mine: list, windows: dict, coordinated_mask, memo: dict | None = None
) -> dict[tuple[str, str], dict]:
    """Pairs of unit kinds that own the same need for the same profiles, uncoordinated, in one catchment.

    ``memo``, if given, keeps each cell's pairs by the cell and the groups of owners in it
    (the same objects in every catchment of a county that has no owner of its own there).
    """
    pairs: dict[tuple[str, str], dict] = {}
    for need, setting in sorted({cell for block in mine for cell in block}):
        in_cell = [grouped for block in mine if (grouped := block.get((need, setting))) is not None]
        key = (need, setting, *map(id, in_cell))
        found = memo.get(key) if memo is not None else None
        if found is None:
            found = _cell_pairs(need, required_of.get((need, setting), 0), in_cell, windows, coordinated_mask)
            if memo is not None:
                memo[key] = (found, in_cell)  # the groups kept alive: their ids stay theirs
        else:
            found = found[0]
        for k1, k2, members, both in found:
            entry = pairs.setdefault((k1, k2), {"units": set(), "resps": set(), "needs": {}, "mask": 0})
            for r, u in members:
                entry["units"].add(u)
                entry["resps"].add(r)
            entry["needs"].setdefault(need, set()).add(setting)
            entry["mask"] |= both
    return pairs


def _cell_pairs(need: str, required: int, in_cell: list[dict], windows: dict, coordinated_mask) -> list[CellPair]:
    """The overlapping pairs of unit kinds of one cell, given each block's groups of owners in it."""
    # Whether two owners overlap depends only on their kinds, windows and profiles:
    # compare groups of owners alike in these (a national model has hundreds of
    # health centres per cell, a handful of groups), which finds the same pairs.
    groups: dict[Group, list[list[tuple[str, str]]]] = {}
    for grouped in in_cell:
        for key, members in grouped.items():
            groups.setdefault(key, []).append(members)
    found: list[CellPair] = []
    for (ka, wa, m1), (kb, wb, m2) in combinations(groups, 2):
        if ka == kb:
            continue
        k1, k2 = sorted((ka, kb))
        both = m1 & m2 & required
        if not both or not _windows_meet(windows[wa], windows[wb]):
            continue
        both &= ~coordinated_mask(need, k1, k2)
        if not both:
            continue
        members = [pair for lists in (*groups[(ka, wa, m1)], *groups[(kb, wb, m2)]) for pair in lists]
        found.append((k1, k2, members, both))
    return found


def _hits(ctx: Context, catchment, pairs: dict[tuple[str, str], dict]) -> Iterator[Hit]:
    for (k1, k2), entry in sorted(pairs.items()):
        units = sorted(entry["units"])
        needs = sorted(entry["needs"])
        text = {lang: ", ".join(ctx.label(n, lang) for n in needs) for lang in ("sv", "en")}
        who = {lang: f" {AND[lang]} ".join(ctx.label(u, lang) for u in units) for lang in ("sv", "en")}
        yield Hit(
            key=(k1, k2, catchment.id),
            elements=[*units, *sorted(entry["resps"])],
            message={
                "sv": f"{who['sv']} äger samma behov ({text['sv']}) för samma patienter utan en regel för samarbetet",
                "en": f"{who['en']} own the same needs ({text['en']}) for the same patients with no rule on how they work together",
            },
            profiles=ctx.space.minimal_cubes(entry["mask"]),
            data={
                "kinds": [k1, k2],
                "needs": {n: sorted(s) for n, s in entry["needs"].items()},
                "catchment": catchment.id,
            },
        )


AND = {"sv": "och", "en": "and"}


RULE = Rule(
    code="PW102",
    name="overlap",
    severity="warning",
    title={"sv": "Överlappande ansvar utan samordning", "en": "Overlap without coordination"},
    explanation={
        "sv": (
            "Två slags verksamheter äger samma behov för samma patienter i samma miljö, och ingen regel "
            "säger hur de samarbetar eller vem som går först. För patienten betyder det risk att var och en "
            "tror att den andra gör insatsen, eller att patienten skickas mellan dem. Källa: seed 002, "
            "klinikernas frågor om gränsdragning (t.ex. autism mellan habilitering, psykiatri och primärvård). "
            "Åtgärd: skriv en samordningsregel (vem gör vad, efter vilket kriterium) eller dela ansvaret "
            "efter patientprofil."
        ),
        "en": (
            "Two kinds of unit own the same need for the same patients in the same setting, and no rule says "
            "how they work together. For the patient: each may think the other acts, or the patient is sent "
            "back and forth. Source: seed 002, the clinicians' boundary questions. Fix: write a coordination "
            "rule (who does what, by which criterion) or split the responsibility by profile."
        ),
    },
    source="seed-002 Inkomna frågeställningar",
    complexity="O(R*N_r*S_r + C*N*S*(B + K^2)) bit-set operations, B blocks and K groups of like owners per cell",
    check=check,
)
