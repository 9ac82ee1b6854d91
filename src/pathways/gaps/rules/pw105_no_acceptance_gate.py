"""PW105 no-acceptance-gate: a handover where nobody on the receiving side decides to accept.

Definition: a handover with no ``gate`` (no role that judges, on stated grounds, whether
the receiver can take the patient on). One finding per handover.

Cost: O(H) for H handovers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import (
    VERSION,
)


def check(ctx: Context) -> Iterator[Hit]:
    for h in ctx.model.handovers:
        if h.gate is not None:
            continue
        yield Hit(
            key=(h.id,),
            elements=[h.id, h.from_, h.to],
            message={
                "sv": (
                    f"{ctx.label(h.id, 'sv')}: ingen hos {ctx.label(h.to, 'sv')} bedömer om patienten kan tas emot "
                    f"(ingen acceptansbedömning med ansvarig roll och kriterier)"
                ),
                "en": (
                    f"{ctx.label(h.id, 'en')}: nobody at {ctx.label(h.to, 'en')} judges whether the patient can be "
                    f"taken on (no acceptance gate with a responsible role and criteria)"
                ),
            },
            profiles=[dict(h.profile)],
            data={"handover": h.id, "from": h.from_, "to": h.to, "mode": h.mode},
        )


RULE = Rule(
    code="PW105",
    name="no-acceptance-gate",
    severity="warning",
    title={"sv": "Ingen acceptansbedömning", "en": "No acceptance gate"},
    explanation={
        "sv": (
            "Överlämningen saknar en acceptansbedömning: ingen roll hos mottagaren är utsedd att ta ställning "
            "till om insatsen hör dit och kan ges patientsäkert. För patienten betyder det att det är oklart "
            "när mottagaren faktiskt har tagit över, och att ett nej kan komma sent eller inte alls. Källa: "
            "seed 004 (Region Örebro län: kommunerna ansvarar för bedömningen om vården kan utföras på ett "
            "patientsäkert sätt). Åtgärd i överenskommelsen: ange vem hos mottagaren som bedömer, efter vilka "
            "kriterier och inom vilken tid."
        ),
        "en": (
            "The handover has no acceptance gate: no role at the receiver is named to judge whether the "
            "intervention belongs there and can be given safely. For the patient: it is unclear when the "
            "receiver has actually taken over, and a refusal may come late or never. Source: seed 004 (Region "
            "Örebro län: the municipalities judge whether the care can be given safely at home). Fix in the "
            "agreement: name who at the receiver decides, on which criteria and within what time."
        ),
    },
    source="seed-004 Utredningens förslag",
    complexity="O(H) for H handovers",
    check=check,
)


# --- on Neo4j: the same rule as Cypher, run by pathways.graphstore.gaps -----------------

PW105 = (
    VERSION
    + """
MATCH (a:Unit)-[:SENDS]->(h:Handover {build: v.build})-[:TO]->(b:Unit)
WHERE NOT EXISTS { (h)-[:GATED_BY]->() }
RETURN h.id AS handover, a.id AS sender, b.id AS receiver, h.mode AS mode
"""
)
"""PW105: handovers with no acceptance gate (no ``GATED_BY``). Cost: O(H)."""

CYPHER: tuple[str, ...] = (PW105,)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        h = ctx.model.by_id[row["handover"]]
        yield Hit(
            key=(h.id,),
            elements=[h.id, row["sender"], row["receiver"]],
            message={
                "sv": (
                    f"{ctx.label(h.id, 'sv')}: ingen hos {ctx.label(row['receiver'], 'sv')} bedömer om patienten kan tas emot "
                    f"(ingen acceptansbedömning med ansvarig roll och kriterier)"
                ),
                "en": (
                    f"{ctx.label(h.id, 'en')}: nobody at {ctx.label(row['receiver'], 'en')} judges whether the patient can be "
                    f"taken on (no acceptance gate with a responsible role and criteria)"
                ),
            },
            profiles=[dict(h.profile)],
            data={"handover": h.id, "from": row["sender"], "to": row["receiver"], "mode": row["mode"]},
        )
