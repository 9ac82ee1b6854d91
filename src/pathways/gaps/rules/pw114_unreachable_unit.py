"""PW114 unreachable-unit: a unit that no patient can reach.

A patient enters the care system at an ``entry`` unit (own contact, acute admission,
an application) and moves on through handovers. A unit is reachable when it is an
entry unit or when a chain of moves leads to it from one. The moves are:

* a handover, ``from -> to``;
* a rejection path, ``from -> on_reject.to``: when the receiver says no, the patient
  goes to ``on_reject.to``. The rejection happens only when the handover is tried,
  that is when the patient is at the *sender*, so the move starts at the sender.

Profiles, settings and time windows are not considered: a unit is reported only when
no move at all leads to it, for any patient.

One finding per unreachable unit; ``Hit.key`` is ``(unit id,)``. ``Hit.elements`` is
the unit and the handovers that lead to it (all from unreachable units themselves).

Cost: one multi-source graph search from all entry units (a virtual source),
O(U + H) for U units and H handovers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pathways.analysis.handover_graph import handover_index, named
from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import (
    LANGS,
    VERSION,
)


def reachable_units(ctx: Context) -> bytearray:
    """Marks by unit position (:class:`~pathways.analysis.handover_graph.HandoverIndex`): 1 where a
    patient can reach the unit from an entry unit through handovers and rejection paths."""
    index = handover_index(ctx)
    moves = index.moves
    seen = bytearray(len(index.units))
    seen[: len(index.entry)] = index.entry
    stack = [p for p, entry in enumerate(index.entry) if entry]
    while stack:
        for nxt in moves[stack.pop()]:
            if not seen[nxt]:
                seen[nxt] = 1
                stack.append(nxt)
    return seen


def check(ctx: Context) -> Iterator[Hit]:
    index = handover_index(ctx)
    seen = reachable_units(ctx)
    arriving, handovers = index.arriving, index.handovers
    for p, reached in enumerate(seen[: len(index.entry)]):
        if reached:
            continue
        unit_id = index.units[p]
        leading = sorted({handovers[i] for i in arriving[p]})
        via = {
            lang: (" " + VIA[lang] + named(ctx, leading, lang) + "." if leading else " " + NONE[lang])
            for lang in ("sv", "en")
        }
        yield Hit(
            key=(unit_id,),
            elements=[unit_id, *leading],
            message={
                "sv": (
                    f"Ingen patient kan nå '{ctx.label(unit_id, 'sv')}': verksamheten är ingen ingång, och ingen "
                    f"överlämning eller avvisningsväg leder dit från en ingång.{via['sv']}"
                ),
                "en": (
                    f"No patient can reach '{ctx.label(unit_id, 'en')}': it is not an entry unit, and no handover "
                    f"or rejection path leads there from an entry unit.{via['en']}"
                ),
            },
            data={"unit": unit_id, "leading_handovers": leading},
        )


VIA = {
    "sv": "Vägarna dit börjar i verksamheter som ingen heller når: ",
    "en": "The ways there start at units that nobody reaches either: ",
}
NONE = {"sv": "Ingen överlämning leder dit alls.", "en": "No handover leads there at all."}


RULE = Rule(
    code="PW114",
    name="unreachable-unit",
    severity="warning",
    title={"sv": "Verksamhet som ingen patient når", "en": "Unreachable unit"},
    explanation={
        "sv": (
            "Verksamheten är ingen ingång (patienten kan inte själv söka sig dit) och ingen kedja av "
            "överlämningar eller avvisningsvägar leder dit från en ingång. För patienten betyder det att "
            "verksamhetens insatser finns på papperet men inte går att få: ingen vet hur patienten kommer "
            'dit. Källa: seed 002 ("Vårdkedjan och samarbetet mellan vårdnivåer", gråzon 7) och seed 004 '
            "(vägarna in i hemsjukvården). Åtgärd i överenskommelsen: beskriv hur patienten kommer till "
            "verksamheten - en remiss- eller överlämningsväg från en annan verksamhet, eller att patienten "
            "kan söka sig dit själv (entry)."
        ),
        "en": (
            "The unit is not an entry unit (patients cannot turn to it themselves) and no chain of handovers "
            "or rejection paths leads there from an entry unit. For the patient: the unit's interventions "
            "exist on paper but cannot be had, nobody knows how the patient gets there. Source: seed 002 "
            "(the care chain between care levels, grey zone 7) and seed 004 (the routes into home "
            "healthcare). Fix in the agreement: describe how patients come to the unit - a referral or "
            "handover route from another unit, or that patients may turn to it themselves (entry)."
        ),
    },
    source="seed-002 Inkomna frågeställningar; seed-004 Tre vägar in",
    complexity="O(U + H): one multi-source search from the entry units",
    check=check,
)


# --- on Neo4j: the same rule as Cypher, run by pathways.graphstore.gaps -----------------

PW114 = (
    VERSION
    + """
CALL (v) {
  MATCH (e:Unit {build: v.build, entry: true})
  MATCH (e)-[:SENDS|TO|ON_REJECT*0..]->(u:Unit)
  RETURN collect(DISTINCT u.id) AS reached
}
MATCH (u:Unit {build: v.build})
WHERE NOT u.id IN reached
CALL (u) {
  OPTIONAL MATCH (h:Handover)-[:TO|ON_REJECT]->(u)
  RETURN collect(DISTINCT h.id) AS leading
}
RETURN u.id AS unit, leading
"""
)
"""PW114: units no move leads to from an entry unit; a move is ``sender -SENDS-> handover
-TO|ON_REJECT-> unit``. One breadth-first search per entry unit (``VarLengthExpand(Pruning,
BFS)``, each node visited once): O(E * (U + H)) for E entry units, then O(U * R) to test the
U units against the R reached ones."""

CYPHER: tuple[str, ...] = (PW114,)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        unit, leading = row["unit"], sorted(row["leading"])
        via = {
            lang: " " + VIA[lang] + named(ctx, leading, lang) + "." if leading else " " + NONE[lang] for lang in LANGS
        }
        yield Hit(
            key=(unit,),
            elements=[unit, *leading],
            message={
                "sv": (
                    f"Ingen patient kan nå '{ctx.label(unit, 'sv')}': verksamheten är ingen ingång, och ingen "
                    f"överlämning eller avvisningsväg leder dit från en ingång.{via['sv']}"
                ),
                "en": (
                    f"No patient can reach '{ctx.label(unit, 'en')}': it is not an entry unit, and no handover "
                    f"or rejection path leads there from an entry unit.{via['en']}"
                ),
            },
            data={"unit": unit, "leading_handovers": leading},
        )
