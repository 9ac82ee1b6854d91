"""PW106 no-rejection-path: when the receiver says no, the patient has nowhere to go.

Definition: a handover with no ``on_reject``; or one whose ``on_reject`` leads nowhere and
names no escalation path: its ``to`` is the receiver itself, or a unit that owns none of
the handover's needs for any of the handover's profiles (in the settings where it works,
any time window) and has no onward handover (another handover from that unit for some
of those profiles). One finding per handover.

Cost: O(R * N_r * S_r) to index what each unit owns, O(H) to index handovers by sender,
then O(H * (N_h + H_u)) for H_u onward handovers of the fallback unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pathways.gaps.core import Context, Hit, Rule
from pathways.gaps.cypher import (
    DIMS,
    LANGS,
    VERSION,
    cube,
    meet,
)
from pathways.gaps.rules.pw108_receiver_does_not_own import owned_masks


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    owned = None
    outgoing: dict[str, list[tuple[str, int]]] = {}
    masks = ctx.handover_masks
    for h, mask in zip(model.handovers, masks, strict=True):
        outgoing.setdefault(h.from_, []).append((h.id, mask))
    for h, profiles in zip(model.handovers, masks, strict=True):
        reject = h.on_reject
        fallback = reject.to if reject is not None else None
        if reject is None:
            reason = "none"
        elif reject.escalation is not None:
            continue
        elif fallback is None:
            reason = "nowhere"
        elif fallback == h.to:
            reason = "receiver"
        else:
            if owned is None:
                owned = owned_masks(ctx)
            owns = any(owned.get((fallback, n), 0) & profiles for n in h.needs)
            onward = any(oid != h.id and mask & profiles for oid, mask in outgoing.get(fallback, ()))
            if owns or onward:
                continue
            reason = "dead_end"
        texts = reason_text(ctx, h, reason, fallback)
        yield Hit(
            key=(h.id,),
            elements=[h.id, h.from_, h.to, *([fallback] if fallback else [])],
            message={
                "sv": f"{ctx.label(h.id, 'sv')}: {texts['sv']}",
                "en": f"{ctx.label(h.id, 'en')}: {texts['en']}",
            },
            profiles=[dict(h.profile)],
            data={"handover": h.id, "reason": reason, "on_reject_to": fallback},
        )


def reason_text(ctx: Context, h, reason: str, fallback: str | None) -> dict[str, str]:
    to = {lang: ctx.label(h.to, lang) for lang in ("sv", "en")}
    if reason == "none":
        return {
            "sv": f"det står inte vad som händer om {to['sv']} säger nej, och ingen väg för oenighet anges",
            "en": f"nothing says what happens if {to['en']} says no, and no way to raise a disagreement is given",
        }
    if reason == "nowhere":
        return {
            "sv": f"om {to['sv']} säger nej går patienten ingenstans",
            "en": f"if {to['en']} says no, the patient goes nowhere",
        }
    if reason == "receiver":
        return {
            "sv": f"om {to['sv']} säger nej skickas patienten tillbaka till {to['sv']} själv, och ingen väg för oenighet anges",
            "en": f"if {to['en']} says no, the patient is sent back to {to['en']} itself, and no way to raise a disagreement is given",
        }
    assert fallback is not None, "a dead end names the unit the patient is sent to"
    back = {lang: ctx.label(fallback, lang) for lang in ("sv", "en")}
    return {
        "sv": (
            f"om {to['sv']} säger nej går patienten till {back['sv']}, som inte äger något av behoven för dessa "
            f"patienter och inte kan skicka vidare, och ingen väg för oenighet anges"
        ),
        "en": (
            f"if {to['en']} says no, the patient goes to {back['en']}, which owns none of the needs for these "
            f"patients and cannot send them on, and no way to raise a disagreement is given"
        ),
    }


RULE = Rule(
    code="PW106",
    name="no-rejection-path",
    severity="warning",
    title={"sv": "Ingen väg vid nej", "en": "No path on rejection"},
    explanation={
        "sv": (
            "Överlämningen säger inte vad som händer när mottagaren säger nej, eller så leder nejet till en "
            "verksamhet som inte ansvarar för patienten och inte kan skicka vidare, och det finns ingen väg "
            "att lyfta oenigheten. För patienten betyder det att hen blir kvar utan ägare medan verksamheterna "
            "är oeniga. Källa: seed 000 (information om hur man lyfter ett ärende där man är oeniga om insats "
            "och vem som ansvarar) och seed 004 (Region Örebro läns oenighetsgrupp). Åtgärd i "
            "överenskommelsen: ange vem som tar patienten vid nej (oftast att avsändaren behåller ansvaret) "
            "och hänvisa till överenskommelsens rutin för oenighet."
        ),
        "en": (
            "The handover does not say what happens when the receiver says no, or the no leads to a unit that "
            "is not responsible for the patient and cannot send them on, and there is no way to raise the "
            "disagreement. For the patient: they are left without an owner while the units disagree. Source: "
            "seed 000 (how to raise a case where parties disagree on the intervention and who is responsible) "
            "and seed 004 (Region Örebro län's dispute group). Fix in the agreement: say who takes the patient "
            "on a no (usually: the sender keeps the responsibility) and refer to the agreement's routine for "
            "disagreements."
        ),
    },
    source="seed-000 5.6.2.1 Spår 1; seed-004 Resan fortsätter (oenighetsgrupp)",
    complexity="O(R*N_r*S_r + H*(N_h + H_u)) bit-set operations",
    check=check,
)


# --- on Neo4j: the same rule as Cypher, run by pathways.graphstore.gaps -----------------

PW106 = (
    VERSION
    + DIMS
    + """
MATCH (a:Unit)-[:SENDS]->(h:Handover {build: v.build})-[:TO]->(b:Unit)
WHERE NOT EXISTS { (h)-[:ESCALATES_TO]->() }
OPTIONAL MATCH (h)-[:ON_REJECT]->(f:Unit)
WITH v, dims, h, a, b, f, """
    + cube("h")
    + """ AS hc
WITH v, dims, h, a, b, f, hc,
  CASE WHEN f IS NULL THEN $reason.none WHEN f = b THEN $reason.receiver ELSE $reason.dead_end END AS reason
WHERE reason <> $reason.dead_end OR NOT (
  EXISTS {
    MATCH (f)-[:HOLDS]->(r:Responsibility)-[:COVERS]->(:Need)<-[:TRANSFERS]-(h)
    MATCH (s:Setting {build: v.build})
    WHERE (EXISTS { (r)-[:IN_SETTING]->(s) } OR (NOT EXISTS { (r)-[:IN_SETTING]->() } AND EXISTS { (f)-[:WORKS_IN]->(s) }))
      AND """
    + meet("hc", cube("r"), cube("s"))
    + """
  }
  OR EXISTS {
    MATCH (f)-[:SENDS]->(o:Handover) WHERE o <> h AND """
    + meet("hc", cube("o"))
    + """
  })
RETURN h.id AS handover, a.id AS sender, b.id AS receiver, reason, f.id AS fallback
"""
)
"""PW106: handovers without an escalation path whose rejection leads nowhere: no ``on_reject``,
back to the receiver, or to a unit that owns none of the handover's needs for any of its
profiles (a responsibility and a setting whose profiles meet the handover's) and has no onward
handover for any of them. Profiles are compared as cubes, nothing is enumerated. Cost:
O(H * (R_f * N_h * S + H_f) * D * V) for the fallback's R_f responsibilities and H_f handovers.
A model where ``on_reject`` names neither a unit nor an escalation does not validate, so its
"nowhere" case is not told apart from "none" (the same finding id)."""

CYPHER: tuple[str, ...] = (PW106,)
"""The queries of this rule on the server, in order; ``from_rows`` gets their rows in the same order."""


def from_rows(ctx: Context, rows: list[list[dict]]) -> Iterable[Hit]:
    for row in rows[0]:
        h = ctx.model.by_id[row["handover"]]
        reason = row["reason"]
        fallback = row["fallback"] if reason != "none" else None
        texts = reason_text(ctx, h, reason, fallback)
        yield Hit(
            key=(h.id,),
            elements=[h.id, row["sender"], row["receiver"], *([fallback] if fallback else [])],
            message={lang: f"{ctx.label(h.id, lang)}: {texts[lang]}" for lang in LANGS},
            profiles=[dict(h.profile)],
            data={"handover": h.id, "reason": reason, "on_reject_to": fallback},
        )
