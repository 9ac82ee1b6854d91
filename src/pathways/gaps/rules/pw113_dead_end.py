"""PW113 dead-end: the patient, or a need, stops at a unit where nobody acts.

Two kinds of dead end, both without regard to profiles, settings or time windows
(a profile-by-profile comparison of what a receiver owns is PW108's, and a need with
no owner for some profiles is PW101's; this rule finds where the chain simply stops):

(a) *dead-end unit*: a unit that receives patients - it is the ``to`` of a handover or
    the ``on_reject.to`` of one - but owns no need at all (no responsibility names it
    as owner) and sends no handover onward. ``Hit.key`` is ``("unit", unit id)``;
    ``Hit.elements`` is the unit and the handovers that bring patients there.

(b) *dead-end need*: a handover transfers a need (``needs``) to a receiver that owns
    that need through no responsibility (for no profile, in no setting or window) and
    is the sender of no handover that transfers the same need onward. The need stops
    at the receiver. ``Hit.key`` is ``("need", handover id, need id)``; ``Hit.elements``
    is the handover, the need and the receiver. Not reported for receivers already
    reported under (a), whose finding says more.

Cost: O(U + H * N_h + R * N_r) for U units, H handovers with N_h needs each and R
responsibilities with N_r needs each: one pass over each collection, set look-ups;
the cube cover of a handover's profiles once per distinct profile set (memoised).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pathways.analysis.handover_graph import cubes_of, handover_index, named
from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import (
    LANGS,
    VERSION,
)
from pathways.model.columns import columns_of


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    index = handover_index(ctx)
    position, arriving, moves, handovers = index.position, index.arriving, index.moves, index.handovers
    dead = bytearray(len(index.units))
    for unit in model.units:
        p = position[unit.id]
        if not arriving[p] or index.owned.get(unit.id) or moves[p]:
            continue
        dead[p] = 1
        arrived = sorted({handovers[i] for i in arriving[p]})
        via = {lang: named(ctx, arrived, lang) for lang in ("sv", "en")}
        yield Hit(
            key=("unit", unit.id),
            elements=[unit.id, *arrived],
            message={
                "sv": (
                    f"Patienten stannar hos '{ctx.label(unit.id, 'sv')}': verksamheten tar emot patienter "
                    f"({via['sv']}) men äger inga behov och lämnar inte över till någon annan."
                ),
                "en": (
                    f"The patient stops at '{ctx.label(unit.id, 'en')}': the unit receives patients "
                    f"({via['en']}) but owns no need and hands over to nobody."
                ),
            },
            data={"part": "unit", "unit": unit.id, "handovers": arrived},
        )
    passed_on: dict[int, set[str]] = {}
    senders = index.senders
    for need, edges in index.by_need.items():
        for a in {senders[e] for e in edges}:
            passed_on.setdefault(a, set()).add(need)
    kept_at: dict[int, set[str]] = {}
    """The needs each receiver owns or passes on (a receiver gets many handovers)."""
    units, columns = index.units, columns_of(model)
    for i, (b, needs) in enumerate(zip(index.receivers, columns.needs, strict=True)):
        if dead[b]:
            continue
        kept = kept_at.get(b)
        if kept is None:
            kept = kept_at[b] = index.owned.get(units[b], set()) | passed_on.get(b, set())
        if kept.issuperset(needs):
            continue
        h = model.handovers[i]
        for need in dict.fromkeys(needs):
            if need in kept:
                continue
            yield Hit(
                key=("need", h.id, need),
                elements=[h.id, need, h.to],
                message={
                    "sv": (
                        f"Överlämningen '{ctx.label(h.id, 'sv')}' för över behovet '{ctx.label(need, 'sv')}' till "
                        f"'{ctx.label(h.to, 'sv')}', som varken äger behovet eller lämnar det vidare: där tar det stopp."
                    ),
                    "en": (
                        f"The handover '{ctx.label(h.id, 'en')}' transfers the need '{ctx.label(need, 'en')}' to "
                        f"'{ctx.label(h.to, 'en')}', which neither owns the need nor passes it on: it stops there."
                    ),
                },
                profiles=cubes_of(ctx, ctx.space.mask(h.profile))[0],
                data={"part": "need", "handover": h.id, "need": need, "receiver": h.to},
            )


RULE = Rule(
    code="PW113",
    name="dead-end",
    severity="error",
    title={"sv": "Återvändsgränd", "en": "Dead end"},
    explanation={
        "sv": (
            "Patienten eller ett behov lämnas över till en verksamhet där ingen agerar: (a) verksamheten tar "
            "emot patienter men äger inga behov och lämnar inte över till någon, eller (b) en överlämning för "
            "över ett behov till en mottagare som varken äger behovet eller för det vidare. För patienten "
            "betyder det att bedömningen, insatsen eller uppföljningen aldrig blir av: avsändaren tror att "
            'mottagaren gör den, mottagaren har inget uppdrag. Källa: seed 000 ("hål där patienter kan '
            'falla mellan stolarna"); seed 002 (habiliteringen avslutar en patient med hyreshjälpmedel, '
            "gråzon 3). Åtgärd i överenskommelsen: ge mottagaren ansvaret för behovet (för de profiler "
            "överlämningen gäller), lämna det vidare till den som äger det, eller stryk behovet ur "
            "överlämningen om avsändaren behåller det."
        ),
        "en": (
            "The patient or a need is handed to a unit where nobody acts: (a) the unit receives patients but "
            "owns no need and hands over to nobody, or (b) a handover transfers a need to a receiver that "
            "neither owns the need nor passes it on. For the patient: the assessment, intervention or "
            "follow-up never happens - the sender thinks the receiver does it, the receiver has no mandate. "
            "Source: seed 000 (holes where patients fall between the chairs); seed 002 (habilitation ends "
            "contact with a patient with rented devices, grey zone 3). Fix in the agreement: give the "
            "receiver the responsibility for the need (for the handover's profiles), pass it on to the unit "
            "that owns it, or take the need out of the handover if the sender keeps it."
        ),
    },
    source="seed-000 5.7.1.1; seed-002 Inkomna frågeställningar",
    complexity="O(U + H*N_h + R*N_r): one pass over units, handovers and responsibilities",
    check=check,
)


# --- on Neo4j: the same rule as Cypher, run by pathways.graphstore.gaps -----------------

PW113_UNITS = (
    VERSION
    + """
MATCH (u:Unit {build: v.build})
WHERE EXISTS { (u)<-[:TO|ON_REJECT]-(:Handover) }
  AND NOT EXISTS { (u)-[:HOLDS]->(:Responsibility) }
  AND NOT EXISTS { (u)-[:SENDS]->(:Handover) }
CALL (u) {
  MATCH (h:Handover)-[:TO|ON_REJECT]->(u)
  RETURN collect(DISTINCT h.id) AS arriving
}
RETURN u.id AS unit, arriving
"""
)
"""PW113 (a): units that receive patients (a handover's ``to`` or ``on_reject.to``), own no
need and send no handover. Cost: O(U + H)."""

PW113_NEEDS = (
    VERSION
    + """
MATCH (h:Handover {build: v.build})-[:TO]->(u:Unit)
WHERE EXISTS { (u)-[:HOLDS]->(:Responsibility) } OR EXISTS { (u)-[:SENDS]->(:Handover) }
MATCH (h)-[:TRANSFERS]->(n:Need)
WHERE NOT EXISTS { (u)-[:HOLDS]->(:Responsibility)-[:COVERS]->(n) }
  AND NOT EXISTS { (u)-[:SENDS]->(:Handover)-[:TRANSFERS]->(n) }
RETURN h.id AS handover, n.id AS need, u.id AS receiver
"""
)
"""PW113 (b): a handover transfers a need to a receiver (not a dead-end unit) that neither
owns it through a responsibility nor sends a handover that transfers it. Cost:
O(H * N_h * (R_u + H_u))."""

CYPHER: tuple[str, ...] = (
    PW113_UNITS,
    PW113_NEEDS,
)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    units, needs = rows
    for row in units:
        unit, arriving = row["unit"], sorted(row["arriving"])
        via = {lang: named(ctx, arriving, lang) for lang in LANGS}
        yield Hit(
            key=("unit", unit),
            elements=[unit, *arriving],
            message={
                "sv": (
                    f"Patienten stannar hos '{ctx.label(unit, 'sv')}': verksamheten tar emot patienter "
                    f"({via['sv']}) men äger inga behov och lämnar inte över till någon annan."
                ),
                "en": (
                    f"The patient stops at '{ctx.label(unit, 'en')}': the unit receives patients "
                    f"({via['en']}) but owns no need and hands over to nobody."
                ),
            },
            data={"part": "unit", "unit": unit, "handovers": arriving},
        )
    for row in needs:
        h, need, to = ctx.model.by_id[row["handover"]], row["need"], row["receiver"]
        yield Hit(
            key=("need", h.id, need),
            elements=[h.id, need, to],
            message={
                "sv": (
                    f"Överlämningen '{ctx.label(h.id, 'sv')}' för över behovet '{ctx.label(need, 'sv')}' till "
                    f"'{ctx.label(to, 'sv')}', som varken äger behovet eller lämnar det vidare: där tar det stopp."
                ),
                "en": (
                    f"The handover '{ctx.label(h.id, 'en')}' transfers the need '{ctx.label(need, 'en')}' to "
                    f"'{ctx.label(to, 'en')}', which neither owns the need nor passes it on: it stops there."
                ),
            },
            profiles=cubes_of(ctx, ctx.space.mask(h.profile))[0],
            data={"part": "need", "handover": h.id, "need": need, "receiver": to},
        )
