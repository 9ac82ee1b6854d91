"""PW115 referral-loop: a need is handed round in a loop and never reaches a unit that owns it.

For each need, the handovers that transfer it (``needs``) form a directed graph of
units, its *referral graph*. An *owner* is a unit with a responsibility that covers
the need (for any profile, setting or time window). A strongly connected component of
the referral graph that holds a cycle (more than one unit, or a self loop) and from
which no owner can be reached is a referral loop: the need goes round between units
none of which acts on it, and no handover leads out to one that does.

Whether a component reaches an owner is the DP over the condensation ("some unit of
the component owns the need, or some successor component reaches an owner"); it is
computed as its equivalent, one reverse multi-source BFS from the owners: a unit
reaches an owner exactly when its whole component does. The components are then taken
of the units left over, which is the whole work when nothing reaches an owner.

Profiles are not split: a handover is an edge for every profile it carries, and an
owner for some profile counts as an owner. A loop is reported when it exists in the
union of the profiles and no owner at all is in reach; the finding lists the profiles
of the handovers inside the loop.

One finding per need and loop; ``Hit.key`` is ``(need id, unit id, unit id, ...)``
with the loop's units sorted. ``Hit.elements`` is the need, the units (sorted) and the
handovers inside the loop (sorted).

Cost: O(sum over needs of (U_n + H_n)) for U_n units and H_n handovers that transfer
need n: a reverse BFS and Tarjan's strongly connected components per need, no path or
cycle is enumerated. Bounded by O(N * U + H * N_h). The cube cover of a loop's profiles
once per distinct profile set (memoised).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pathways.analysis.components import strong_components
from pathways.analysis.handover_graph import cubes_of, handover_index, named
from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import (
    LANGS,
    VERSION,
)


def referral_loops(
    edges: Sequence[int], senders: Sequence[int], receivers: Sequence[int], owners: Iterable[int], size: int
) -> list[tuple[set[int], list[int]]]:
    """The loops of one need's referral graph, over units numbered ``0 .. size - 1``.

    ``edges`` are the numbers of the need's handovers, ``senders[e]`` and ``receivers[e]``
    the ends of handover ``e``, ``owners`` the units that own the need. Each loop is
    ``(its units, the edges inside it)``, in no particular order.

    The predecessors are a list indexed by unit (no dict to hash into) holding the
    index's own integer objects (no copies): at four times national the search walks a
    few hundred kB per need where it walked megabytes (``benchmarks/LINEAR.md``).

    >>> referral_loops([0, 1, 2], [0, 1, 1], [1, 0, 2], [2], 3)
    []
    >>> referral_loops([0, 1, 2], [0, 1, 1], [1, 0, 2], [], 3)
    [({0, 1}, [0, 1])]
    """
    pred: list[list[int] | None] = [None] * size
    for e in edges:
        b = receivers[e]
        earlier = pred[b]
        if earlier is None:
            pred[b] = [senders[e]]
        else:
            earlier.append(senders[e])
    reach = bytearray(size)
    stack = list(owners)
    for unit in stack:
        reach[unit] = 1
    while stack:
        for before in pred[stack.pop()] or ():
            if not reach[before]:
                reach[before] = 1
                stack.append(before)
    # between units that reach no owner: a handover whose receiver reaches one has a sender that does too
    left = [e for e in edges if not reach[senders[e]]]
    if not left:
        return []  # no handover between units that reach no owner: no loop
    out: dict[int, list[int]] = {}  # sender -> the handovers it sends
    for e in left:
        out.setdefault(senders[e], []).append(e)
    loops = []
    for comp in strong_components({a: [receivers[e] for e in sent] for a, sent in out.items()}):
        inside = [e for a in comp for e in out.get(a, ()) if receivers[e] in comp]
        if inside:  # a cycle: more than one unit, or one unit with a self loop
            loops.append((comp, inside))
    return loops


def need_loops(ctx: Context, need: str) -> list[tuple[list[str], list[str]]]:
    """The loops of a need's referral graph: ``(sorted unit ids, sorted ids of the handovers inside)``, sorted."""
    index = handover_index(ctx)
    edges = index.by_need.get(need)
    if edges is None:
        return []
    units, handovers = index.units, index.handovers
    loops = referral_loops(edges, index.senders, index.receivers, index.owners.get(need, ()), len(units))
    return sorted((sorted(units[p] for p in comp), sorted({handovers[e] for e in inside})) for comp, inside in loops)


def check(ctx: Context) -> Iterator[Hit]:
    by_id = ctx.model.by_id
    for need in ctx.model.needs:
        for units, inside in need_loops(ctx, need.id):
            mask = 0
            for h in inside:
                mask |= ctx.space.mask(by_id[h].profile)
            who = {lang: named(ctx, units, lang, shown=8) for lang in ("sv", "en")}
            via = {lang: named(ctx, inside, lang) for lang in ("sv", "en")}
            yield Hit(
                key=(need.id, *units),
                elements=[need.id, *units, *inside],
                message={
                    "sv": (
                        f"Behovet '{ctx.label(need.id, 'sv')}' skickas runt mellan {who['sv']} utan att nå någon som "
                        f"äger det: överlämningarna {via['sv']} bildar en slinga, och varken dessa verksamheter eller "
                        f"någon de skickar vidare till äger behovet."
                    ),
                    "en": (
                        f"The need '{ctx.label(need.id, 'en')}' is passed round between {who['en']} without reaching "
                        f"anyone who owns it: the handovers {via['en']} form a loop, and neither these units nor "
                        f"anyone they pass it on to own the need."
                    ),
                },
                profiles=cubes_of(ctx, mask)[0],
                data={"need": need.id, "units": units, "handovers": inside},
            )


RULE = Rule(
    code="PW115",
    name="referral-loop",
    severity="error",
    title={"sv": "Remisslinga utan ägare", "en": "Referral loop without an owner"},
    explanation={
        "sv": (
            "Överlämningarna som för över ett behov bildar en slinga mellan verksamheter, och ingen av dem - "
            "eller någon de skickar vidare till - äger behovet. För patienten betyder det att hen skickas "
            "runt mellan verksamheterna och att ingen gör bedömningen eller insatsen: patienten faller "
            'mellan stolarna. Källa: seed 000 ("hål där patienter kan falla mellan stolarna"), seed 002 '
            "(patienter hänvisas till kommunrehab fast vårdcentralen kan hjälpa dem, gråzon 6; vårdkedjan, "
            "gråzon 7). Åtgärd i överenskommelsen: ange vilken av verksamheterna i slingan som äger behovet, "
            "eller lägg till en överlämning ut ur slingan till den som äger det."
        ),
        "en": (
            "The handovers that transfer a need form a loop between units, and none of them - nor anyone they "
            "pass it on to - owns the need. For the patient: they are sent round between the units and nobody "
            "does the assessment or intervention, the patient falls between the chairs. Source: seed 000, "
            "seed 002 (patients sent to municipal rehab when the health centre could help, grey zone 6; the "
            "care chain, grey zone 7). Fix in the agreement: say which unit of the loop owns the need, or add a "
            "handover out of the loop to the unit that owns it."
        ),
    },
    source="seed-000 5.7.1.1; seed-002 Inkomna frågeställningar",
    complexity="O(sum_n (U_n + H_n)): per need one reverse BFS from the owners and one SCC pass",
    check=check,
)


# --- on Neo4j: the same rule as Cypher, run by pathways.graphstore.gaps -----------------

PW115 = (
    VERSION
    + """
MATCH (n:Need {build: v.build})
WHERE EXISTS { (n)<-[:TRANSFERS]-(:Handover) }
CALL (n) {
  MATCH p = (n)<-[:COVERS|HOLDS|TO|SENDS*]-(x:Unit)
  WHERE all(y IN nodes(p) WHERE NOT y:Handover OR n.id IN y.needs)
  RETURN collect(DISTINCT x) AS reach
}
CALL (n, reach) {
  MATCH (a:Unit)-[:SENDS]->(h:Handover)-[:TRANSFERS]->(n)
  WHERE NOT a IN reach
  WITH DISTINCT n, a ORDER BY a.id
  CALL (n, a) {
    MATCH p = (a)-[:SENDS|TO*1..]->(y:Unit)
    WHERE all(z IN nodes(p) WHERE NOT z:Handover OR n.id IN z.needs)
    RETURN collect(DISTINCT y) AS onward
  }
  RETURN collect({unit: a, onward: onward}) AS starts
}
UNWIND starts AS s
WITH n, s.unit AS a, [t IN starts WHERE t.unit IN s.onward AND s.unit IN t.onward | t.unit] AS loop
WHERE a IN loop
WITH DISTINCT n, loop
CALL (n, loop) {
  UNWIND loop AS a
  MATCH (a)-[:SENDS]->(h:Handover)-[:TO]->(b:Unit)
  WHERE b IN loop AND n.id IN h.needs
  RETURN collect(DISTINCT h.id) AS handovers
}
RETURN n.id AS need, [u IN loop | u.id] AS units, handovers
"""
)
"""PW115: per need, its referral graph (``unit -SENDS-> handover -TO-> unit`` over handovers that
transfer it). The units that reach an owner of the need are found by one breadth-first search
backwards from the need itself (``need <-COVERS- responsibility <-HOLDS- owner``, then back
along the referral graph: all owners are sources of one search); from each unit left that
sends the need on, one forward breadth-first search. Both are ``VarLengthExpand(Pruning,BFS)``:
each node visited once. Units that reach each other form a loop when the unit reaches itself
(a cycle or a self loop); no path or cycle is enumerated. Cost per need: O(U_n + H_n + R_n)
for the owners' search, then O(L_n * (U_n + H_n) + L_n^2 * U_n) for the L_n units left (most
often none), against Tarjan's O(U_n + H_n) in memory."""

CYPHER: tuple[str, ...] = (PW115,)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        need, units, inside_ = row["need"], sorted(row["units"]), sorted(row["handovers"])
        mask = 0
        for h in inside_:
            mask |= ctx.space.mask(ctx.model.by_id[h].profile)
        who = {lang: named(ctx, units, lang, shown=8) for lang in LANGS}
        via = {lang: named(ctx, inside_, lang) for lang in LANGS}
        yield Hit(
            key=(need, *units),
            elements=[need, *units, *inside_],
            message={
                "sv": (
                    f"Behovet '{ctx.label(need, 'sv')}' skickas runt mellan {who['sv']} utan att nå någon som "
                    f"äger det: överlämningarna {via['sv']} bildar en slinga, och varken dessa verksamheter eller "
                    f"någon de skickar vidare till äger behovet."
                ),
                "en": (
                    f"The need '{ctx.label(need, 'en')}' is passed round between {who['en']} without reaching "
                    f"anyone who owns it: the handovers {via['en']} form a loop, and neither these units nor "
                    f"anyone they pass it on to own the need."
                ),
            },
            profiles=cubes_of(ctx, mask)[0],
            data={"need": need, "units": units, "handovers": inside_},
        )
