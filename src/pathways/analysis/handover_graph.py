"""The unit-level projection of handovers: who hands patients (and needs) to whom.

The typed MultiDiGraph of :mod:`pathways.graph.build` joins units through handover
nodes (``unit -SENDS-> handover -TO-> unit``). The graph-shaped gap rules (PW110,
PW113-PW117) want the units only, so this module projects it once per analysis
(:func:`handover_index`, cached on the rule Context), as plain dicts and lists:

* :attr:`HandoverIndex.succ`, ``sender -> receiver -> handover ids`` (model order), one
  entry per pair of units joined by at least one handover; every unit is a key (model
  order, then handover ends that are no unit), as in a ``networkx.DiGraph`` filled unit
  by unit and handover by handover; :attr:`HandoverIndex.pred` is the same the other way
  round (``receiver -> sender -> the same list``);
* :attr:`HandoverIndex.by_need`, for each need the handovers that transfer it as three
  lists side by side: senders, receivers, handover ids (the per-need referral graphs of
  PW115);
* :attr:`HandoverIndex.rejects`, ``(sender, on_reject.to, handover)`` triples;
* :attr:`HandoverIndex.owned`, the needs each unit owns through a responsibility (for
  any profile, setting or time window), and :attr:`HandoverIndex.owners`, its inverse;
* :attr:`HandoverIndex.principal_kind`, ``region`` or ``municipality`` for each unit
  (a principal group has members of one kind only; the validator checks that).

Cost: O(U + H * N_h + R * N_r) for U units, H handovers with N_h needs each and R
responsibilities with N_r needs each; one pass, no path is enumerated. A handover adds
references to strings the model already holds, and one list per new pair of units: no
object per handover (a dict, a list and two sets per pair cost 4x national a page fault
per four handovers and made the index grow faster than the model, ``benchmarks/LINEAR.md``).
Every unit id in the index is the unit's own id string, not the handover's copy of it:
the rules' searches then look up some 16,000 strings (4x national) that stay in the
cache instead of one per handover end spread over the whole model, and a lookup finds
its key by identity.

Two small helpers for those rules' findings live here too: :func:`cubes_of` (a profile
set as cubes and text, memoised per analysis) and :func:`named` (labels for a message,
a few named and the rest counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from pathways.model.model import Model

Columns = tuple[list[str], list[str], list[str]]
"""Senders, receivers and handover ids, side by side."""


@dataclass
class HandoverIndex:
    """The handovers of a model projected onto its units (see the module docstring)."""

    succ: dict[str, dict[str, list[str]]]
    pred: dict[str, dict[str, list[str]]]
    by_need: dict[str, Columns]
    rejects: list[tuple[str, str, str]]
    owned: dict[str, set[str]]
    owners: dict[str, set[str]]
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


def build_index(model: Model) -> HandoverIndex:
    """Project the handovers and responsibilities of a model onto its units.

    >>> from pathways.model.load import load_model
    >>> build_index(load_model("model")).succ["vardcentral"]["kommunal-hemsjukvard"]  # doctest: +SKIP
    ['ho-vc-hemsjukvard']
    """
    succ: dict[str, dict[str, list[str]]] = {}
    pred: dict[str, dict[str, list[str]]] = {}
    kind_cache: dict[str, str | None] = {}
    unit_kind: dict[str, str | None] = {}
    same: dict[str, str] = {}
    for u in model.units:
        if u.principal not in kind_cache:
            kind_cache[u.principal] = principal_kind(model, u.principal)
        unit_kind[u.id] = kind_cache[u.principal]
        if u.id not in succ:
            succ[u.id], pred[u.id], same[u.id] = {}, {}, u.id
    by_need: dict[str, Columns] = {}
    rejects: list[tuple[str, str, str]] = []
    for h in model.handovers:
        a, b, hid = same.get(h.from_, h.from_), same.get(h.to, h.to), h.id
        out = succ.get(a)
        if out is None:
            out = succ[a] = {}
            pred[a] = {}
        if b not in succ:
            succ[b], pred[b] = {}, {}
        ids = out.get(b)
        if ids is None:
            out[b] = pred[b][a] = [hid]
        else:
            ids.append(hid)
        for n in h.needs:
            columns = by_need.get(n)
            if columns is None:
                columns = by_need[n] = ([], [], [])
            columns[0].append(a)
            columns[1].append(b)
            columns[2].append(hid)
        reject = h.on_reject
        if reject is not None and reject.to is not None:
            rejects.append((a, same.get(reject.to, reject.to), hid))
    owned: dict[str, set[str]] = {}
    owners: dict[str, set[str]] = {}
    for r in model.responsibilities:
        owned.setdefault(r.owner, set()).update(r.needs)
        for n in r.needs:
            owners.setdefault(n, set()).add(r.owner)
    return HandoverIndex(succ, pred, by_need, rejects, owned, owners, unit_kind)


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
