"""PW112 cost-shifting: someone else pays for a responsibility, and no cost rule says so.

Definition: a responsibility whose ``payer`` is not its owner (a different unit, or a
principal or principal group other than the owner's principal; a member of the owner's
principal group, or the group itself, counts as the owner's principal), and either
names no ``cost_rule``, or names one whose ``payer`` is not the same payer, or whose
``needs`` do not include every need of the responsibility. One finding per responsibility.

Cost: O(R * N_r) for R responsibilities with N_r needs each.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathways.analysis.coverage import unit_principals
from pathways.gaps.core import Context, Hit, Rule


def check(ctx: Context) -> Iterator[Hit]:
    model = ctx.model
    for r in model.responsibilities:
        if r.payer is None or r.payer == r.owner or model.kind_of.get(r.owner) != "units":
            continue
        owner = model.by_id[r.owner]
        own_principals = {owner.principal, *unit_principals(model, r.owner)}
        if r.payer in own_principals:
            continue
        rule = model.get(r.cost_rule) if r.cost_rule else None
        if rule is None:
            reason, uncovered = "no_rule", list(r.needs)
        elif rule.payer != r.payer:
            reason, uncovered = "other_payer", list(r.needs)
        else:
            uncovered = [n for n in r.needs if n not in set(rule.needs)]
            if not uncovered:
                continue
            reason = "needs_not_covered"
        needs = {lang: ", ".join(ctx.label(n, lang) for n in uncovered) for lang in ("sv", "en")}
        who = {lang: (ctx.label(r.owner, lang), ctx.label(r.payer, lang)) for lang in ("sv", "en")}
        why = {
            "no_rule": {
                "sv": "ingen kostnadsregel (bilaga 1) säger det",
                "en": "no cost rule (annex 1) says so",
            },
            "other_payer": {
                "sv": f"kostnadsregeln '{ctx.label(rule.id, 'sv')}' säger att {ctx.label(rule.payer, 'sv')} betalar"
                if rule
                else "",
                "en": f"the cost rule '{ctx.label(rule.id, 'en')}' says {ctx.label(rule.payer, 'en')} pays"
                if rule
                else "",
            },
            "needs_not_covered": {
                "sv": f"kostnadsregeln '{ctx.label(rule.id, 'sv')}' gäller inte {needs['sv']}" if rule else "",
                "en": f"the cost rule '{ctx.label(rule.id, 'en')}' does not cover {needs['en']}" if rule else "",
            },
        }[reason]
        yield Hit(
            key=(r.id,),
            elements=[r.id, r.owner, r.payer, *([r.cost_rule] if r.cost_rule else [])],
            message={
                "sv": (
                    f"{ctx.label(r.id, 'sv')}: {who['sv'][0]} har ansvaret för {needs['sv']} men {who['sv'][1]} "
                    f"betalar, och {why['sv']}"
                ),
                "en": (
                    f"{ctx.label(r.id, 'en')}: {who['en'][0]} is responsible for {needs['en']} but {who['en'][1]} "
                    f"pays, and {why['en']}"
                ),
            },
            profiles=[dict(r.profile)],
            data={
                "responsibility": r.id,
                "owner": r.owner,
                "payer": r.payer,
                "cost_rule": r.cost_rule,
                "reason": reason,
                "needs": uncovered,
            },
        )


RULE = Rule(
    code="PW112",
    name="cost-shifting",
    severity="warning",
    title={"sv": "Kostnaden flyttas utan regel", "en": "Cost shifting without a rule"},
    explanation={
        "sv": (
            "En verksamhet har ansvaret men någon annan (en annan verksamhet eller huvudman) betalar, och ingen "
            "regel i överenskommelsens kostnadsbilaga (bilaga 1) säger att det ska vara så. För patienten "
            "betyder det risk att insatsen eller hjälpmedlet dröjer eller uteblir medan verksamheterna tvistar "
            "om fakturan, och att ansvaret för uppföljningen blir oklart. Källa: seed 002 (kostnader som "
            "stödpunkt; gråzon 3: kan kostnad och uppföljningsansvar för hyreshjälpmedel gå över till "
            'vårdcentralen när habiliteringen avslutar) och seed 004 ("övervältring" mellan huvudmän). '
            "Åtgärd i överenskommelsen: skriv en kostnadsregel i bilaga 1 som anger betalaren för dessa behov, "
            "eller låt den som har ansvaret också betala."
        ),
        "en": (
            "A unit holds the responsibility but someone else (another unit or principal) pays, and no rule in "
            "the agreement's cost annex (annex 1) says so. For the patient: the intervention or device may be "
            "delayed or dropped while the units dispute the bill, and follow-up responsibility becomes unclear. "
            "Source: seed 002 (cost as a support point; grey zone 3: can cost and follow-up of rented devices "
            "pass to the health centre when habilitation ends) and seed 004 (cost shifting between principals). "
            "Fix in the agreement: write a cost rule in annex 1 naming the payer for these needs, or let the "
            "responsible unit pay."
        ),
    },
    source="seed-002 Stödpunkter (Kostnader); seed-002 Inkomna frågeställningar; seed-004 Lärdomar (övervältring)",
    complexity="O(R*N_r) for R responsibilities with N_r needs",
    check=check,
)
