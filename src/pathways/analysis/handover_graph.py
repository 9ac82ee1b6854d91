"""The unit-level projection of handovers: who hands patients (and needs) to whom.

The typed MultiDiGraph of :mod:`pathways.graph.build` joins units through handover
nodes (``unit -SENDS-> handover -TO-> unit``). The graph-shaped gap rules (PW110,
PW113-PW117) want the units only, so this module projects the handovers once per
analysis (:func:`handover_index`, cached on the rule Context). Units are numbered:
position ``p`` is ``units[p]`` (the model's units in order, then handover ends that are
no unit, as first met), and handover ``i`` is the model's ``i``-th. The index holds

* :attr:`HandoverIndex.senders` and :attr:`HandoverIndex.receivers`, each handover's two
  ends as positions (lists of the positions' own integer objects, see below);
* :attr:`HandoverIndex.moves`, for each position the positions a patient moves on to
  from there: the receiver of each handover it sends, then its rejection target (model
  order, repeats kept); a unit sends a handover exactly when its list is not empty;
* :attr:`HandoverIndex.arriving`, for each position the handovers (numbers) that bring
  patients there: as receiver or as ``on_reject.to``;
* :attr:`HandoverIndex.by_need`, for each need the handovers (numbers) that transfer it,
  in model order (the per-need referral graphs of PW115);
* :attr:`HandoverIndex.owned`, the needs each unit owns through a responsibility (for
  any profile, setting or time window), and :attr:`HandoverIndex.owners`, its inverse
  (for each need the positions of its owners, each once);
* :attr:`HandoverIndex.principal_kind`, ``region`` or ``municipality`` for each unit
  (a principal group has members of one kind only; the validator checks that).

The handovers are read from their columns (:func:`pathways.model.columns.columns_of`),
not from the pydantic objects, and the rules' searches mark positions in a
``bytearray`` instead of looking strings up in sets: every structure the searches walk
is dense, which keeps them linear in the model where a set of strings and 100,000
objects of 1.5 kB each were not (``benchmarks/LINEAR.md``). The positions of the
handovers' ends are lists of shared integer objects (a position is the one object kept
in :attr:`HandoverIndex.position`), not ``array`` columns: reading an ``array`` makes a
new integer object at every read, and a search that keeps what it read (PW115's
per-need predecessors) then holds megabytes of copies scattered through the heap, where
a list holds 8-byte references to one object per unit. The handover numbers per need
stay ``array`` columns: they are read in order and not kept, and a list would add an
integer object of 32 bytes per handover to what each pass walks.

Cost: O(U + H * N_h + R * N_r) for U units, H handovers with N_h needs each and R
responsibilities with N_r needs each; one pass, no path is enumerated.

Two small helpers for those rules' findings live here too: :func:`cubes_of` (a profile
set as cubes and text, memoised per analysis) and :func:`named` (labels for a message,
a few named and the rest counted).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from pathways.model.columns import columns_of
from pathways.model.model import Model


@dataclass
class HandoverIndex:
    """The handovers of a model projected onto its units (see the module docstring)."""

    units: list[str]
    position: dict[str, int]
    entry: bytearray
    """1 at the position of each entry unit (the model's units are the first positions, in order)."""
    handovers: list[str]
    senders: list[int]
    receivers: list[int]
    moves: list[list[int]]
    arriving: list[list[int]]
    by_need: dict[str, array]
    owned: dict[str, set[str]]
    owners: dict[str, list[int]]
    principal_kind: dict[str, str | None]


def members(model: Model, principal_id: str) -> list[str]:
    """The principals a principal or principal group stands for.

    >>> from pathways.model.load import load_model
    >>> len(members(load_model("model"), "dalarnas-kommuner"))      # doctest: +SKIP
    15
    """
    element = model.by_id[principal_id]
    if model.kind_of[principal_id] == "principal_groups":
        return list(element.members)
    return [principal_id]


def principal_kind(model: Model, principal_id: str) -> str | None:
    """``region`` or ``municipality`` for a principal or a (one-kind) principal group."""
    kinds = {model.by_id[p].kind for p in members(model, principal_id) if model.kind_of.get(p) == "principals"}
    return next(iter(kinds)) if len(kinds) == 1 else None


def _ownership(model: Model, position: dict[str, int]) -> tuple[dict[str, set[str]], dict[str, list[int]]]:
    """The needs each owner owns; for each need, the positions of the units that own it (each once)."""
    owned: dict[str, set[str]] = {}
    owners: dict[str, list[int]] = {}
    for r in model.responsibilities:
        owner, needs = r.owner, r.needs
        mine = owned.get(owner)
        if mine is None:
            mine = owned[owner] = set()
        at = position.get(owner)
        for n in needs:
            if n in mine:
                continue
            mine.add(n)
            if at is not None:
                who = owners.get(n)
                if who is None:
                    owners[n] = [at]
                else:
                    who.append(at)
    return owned, owners


def build_index(model: Model) -> HandoverIndex:
    """Project the handovers and responsibilities of a model onto its units.

    >>> from pathways.model.load import load_model
    >>> index = build_index(load_model("model"))                      # doctest: +SKIP
    >>> [index.units[b] for b in index.moves[index.position["vardcentral"]]][:1]  # doctest: +SKIP
    ['kommunal-hemsjukvard']
    """
    units: list[str] = []
    position: dict[str, int] = {}
    kind_cache: dict[str, str | None] = {}
    unit_kind: dict[str, str | None] = {}
    entry = bytearray()
    for u in model.units:
        if u.principal not in kind_cache:
            kind_cache[u.principal] = principal_kind(model, u.principal)
        unit_kind[u.id] = kind_cache[u.principal]
        if u.id not in position:
            position[u.id] = len(units)
            units.append(u.id)
            entry.append(u.entry)
    moves: list[list[int]] = [[] for _ in units]
    arriving: list[list[int]] = [[] for _ in units]

    def place(unit_id: str) -> int:
        """The position of a handover end that is no unit (given one when first met)."""
        found = position[unit_id] = len(units)
        units.append(unit_id)
        moves.append([])
        arriving.append([])
        return found

    columns = columns_of(model)
    senders: list[int] = []
    receivers: list[int] = []
    by_need: dict[str, array] = {}
    get = position.get
    for i, (a_id, b_id, needs, r_id) in enumerate(
        zip(columns.senders, columns.receivers, columns.needs, columns.rejected_to, strict=True)
    ):
        a = get(a_id)
        if a is None:
            a = place(a_id)
        b = get(b_id)
        if b is None:
            b = place(b_id)
        senders.append(a)
        receivers.append(b)
        moves[a].append(b)
        arriving[b].append(i)
        for n in needs:
            column = by_need.get(n)
            if column is None:
                column = by_need[n] = array("l")
            column.append(i)
        if r_id is not None:
            r = get(r_id)
            if r is None:
                r = place(r_id)
            moves[a].append(r)
            arriving[r].append(i)
    owned, owners = _ownership(model, position)
    return HandoverIndex(
        units, position, entry, columns.ids, senders, receivers, moves, arriving, by_need, owned, owners, unit_kind
    )


_CACHE: WeakKeyDictionary = WeakKeyDictionary()
_CUBES: WeakKeyDictionary = WeakKeyDictionary()


def handover_index(ctx) -> HandoverIndex:
    """The index of a gap-rule :class:`~pathways.gaps.core.Context`, built once and shared by its rules."""
    found = _CACHE.get(ctx)
    if found is None:
        found = _CACHE[ctx] = build_index(ctx.model)
    return found


def cubes_of(ctx, mask: int) -> tuple[list[dict[str, list[str]]], dict[str, str]]:
    """A profile set as minimal cubes and as text per language (``" | "`` between cubes), memoised per context.

    Findings of the graph rules share few distinct profile sets, and the cube cover is the
    costly part of a finding at scale, so each set is covered once per analysis. The
    cubes are shared between findings: read them, do not change them.
    """
    memo = _CUBES.get(ctx)
    if memo is None:
        memo = _CUBES[ctx] = {}
    found = memo.get(mask)
    if found is None:
        cubes = ctx.space.minimal_cubes(mask)
        text = {lang: " | ".join(ctx.describe(c, lang) for c in cubes) for lang in ("sv", "en")}
        found = memo[mask] = (cubes, text)
    return found


MORE = {"sv": "och {} till", "en": "and {} more"}


def named(ctx, ids: list[str], lang: str, shown: int = 5, sep: str = ", ") -> str:
    """Labels of elements for a message, quoted; past ``shown`` of them the rest are counted.

    A national model can put thousands of units in one finding (a loop, a principal
    pair); the finding's elements list them all, its message names a few.
    """
    text = sep.join(f"'{ctx.label(i, lang)}'" for i in ids[:shown])
    rest = len(ids) - shown
    return text + (f" {MORE[lang].format(rest)}" if rest > 0 else "")
