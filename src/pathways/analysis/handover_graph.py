"""The unit-level projection of handovers: who hands patients (and needs) to whom.

The typed MultiDiGraph of :mod:`pathways.graph.build` joins units through handover
nodes (``unit -SENDS-> handover -TO-> unit``). The graph-shaped gap rules (PW110,
PW113-PW117) want the units only, so this module projects it once per analysis
(:func:`handover_index`, cached on the rule Context):

* :attr:`HandoverIndex.succ` and :attr:`HandoverIndex.pred`, the adjacency of a directed
  graph with one node per unit and one edge ``sender -> receiver`` per pair of units
  joined by at least one handover, as plain dicts (``succ[sender][receiver]`` is the
  edge's attributes: ``handovers``, handover ids in model order, ``modes``, a set of
  modes, and ``needs``, a set of the need ids whose ownership passes);
  :attr:`HandoverIndex.graph` is the same as a ``networkx.DiGraph``, made when asked
  (the rules read the dicts: a small model's whole analysis costs less than importing networkx);
* :attr:`HandoverIndex.by_need`, the ``(sender, receiver, handover)`` triples of the
  handovers that transfer each need (the per-need referral graphs of PW115);
* :attr:`HandoverIndex.rejects`, ``(sender, on_reject.to, handover)`` triples;
* :attr:`HandoverIndex.owned`, the needs each unit owns through a responsibility (for
  any profile, setting or time window), and :attr:`HandoverIndex.owners`, its inverse;
* :attr:`HandoverIndex.principal_kind`, ``region`` or ``municipality`` for each unit
  (a principal group has members of one kind only; the validator checks that).

Cost: O(U + H * N_h + R * N_r) for U units, H handovers with N_h needs each and R
responsibilities with N_r needs each; one pass, no path is enumerated.

Two small helpers for those rules' findings live here too: :func:`cubes_of` (a profile
set as cubes and text, memoised per analysis) and :func:`named` (labels for a message,
a few named and the rest counted).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from pathways.model.model import Model

if TYPE_CHECKING:
    import networkx as nx


@dataclass
class HandoverIndex:
    """The handovers of a model projected onto its units (see the module docstring)."""

    nodes: dict[str, dict]
    succ: dict[str, dict[str, dict]]
    pred: dict[str, dict[str, dict]]
    by_need: dict[str, list[tuple[str, str, str]]]
    rejects: list[tuple[str, str, str]]
    owned: dict[str, set[str]]
    owners: dict[str, set[str]]
    principal_kind: dict[str, str | None]

    def edges(self) -> Iterator[tuple[str, str, dict]]:
        """``(sender, receiver, attributes)`` of every edge, in the order of ``graph.edges(data=True)``."""
        for sender, receivers in self.succ.items():
            for receiver, data in receivers.items():
                yield sender, receiver, data

    @cached_property
    def graph(self) -> nx.DiGraph:
        """The units and edges as a ``networkx.DiGraph`` sharing the index's dicts (read it, do not change it)."""
        import networkx as nx

        G = nx.DiGraph()
        G._node, G._succ, G._pred = (
            self.nodes,
            self.succ,
            self.pred,
        )  # networkx's setters keep _adj and the views in step
        nx._clear_cache(G)
        return G


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

    The adjacency dicts are filled as a DiGraph's ``add_node`` and ``add_edge`` would fill
    them (same order, a repeated node's attributes updated; ``tests/synth/test_fast_paths.py``
    compares the two).
    """
    nodes: dict[str, dict] = {}
    succ: dict[str, dict[str, dict]] = {}
    pred: dict[str, dict[str, dict]] = {}
    kind_cache: dict[str, str | None] = {}
    unit_kind: dict[str, str | None] = {}
    for u in model.units:
        if u.principal not in kind_cache:
            kind_cache[u.principal] = principal_kind(model, u.principal)
        unit_kind[u.id] = kind_cache[u.principal]
        attrs = {"kind": u.kind, "principal": u.principal, "principal_kind": unit_kind[u.id], "entry": u.entry}
        if u.id in nodes:
            nodes[u.id].update(attrs)
        else:
            succ[u.id], pred[u.id], nodes[u.id] = {}, {}, attrs
    by_need: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    rejects: list[tuple[str, str, str]] = []
    for h in model.handovers:
        a, b = h.from_, h.to
        for n in (a, b):
            if n not in nodes:
                succ[n], pred[n], nodes[n] = {}, {}, {}
        data = succ[a].get(b)
        if data is None:
            succ[a][b] = pred[b][a] = {"handovers": [h.id], "modes": {h.mode}, "needs": set(h.needs)}
        else:
            data["handovers"].append(h.id)
            data["modes"].add(h.mode)
            data["needs"].update(h.needs)
        for n in h.needs:
            by_need[n].append((a, b, h.id))
        if h.on_reject is not None and h.on_reject.to is not None:
            rejects.append((a, h.on_reject.to, h.id))
    owned: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for r in model.responsibilities:
        owned[r.owner].update(r.needs)
        for n in r.needs:
            owners[n].add(r.owner)
    return HandoverIndex(nodes, succ, pred, dict(by_need), rejects, dict(owned), dict(owners), unit_kind)


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


def handover_graph(model: Model) -> nx.DiGraph:
    """The unit -> unit DiGraph of a model's handovers (attributes ``handovers``, ``modes``, ``needs``).

    >>> from pathways.model.load import load_model
    >>> G = handover_graph(load_model("model"))                    # doctest: +SKIP
    >>> G.edges["vardcentral", "kommunal-hemsjukvard"]["handovers"]  # doctest: +SKIP
    ['ho-vc-hemsjukvard']
    """
    return build_index(model).graph
