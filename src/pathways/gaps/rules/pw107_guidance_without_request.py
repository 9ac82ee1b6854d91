"""PW107 guidance-without-request: the patient is guided to another unit without a written care request.

Definition: a handover of mode ``guidance`` (hänvisning): the patient is told to contact
the receiver, and no written care request (skriftlig vårdbegäran) or referral carries
the responsibility over. One finding per handover.

Cost: O(H) for H handovers.
"""

from __future__ import annotations

from collections.abc import Iterator

from pathways.gaps.core import Context, Hit, Rule


def check(ctx: Context) -> Iterator[Hit]:
    for h in ctx.model.handovers:
        if h.mode != "guidance":
            continue
        yield Hit(
            key=(h.id,),
            elements=[h.id, h.from_, h.to],
            message={
                "sv": (
                    f"{ctx.label(h.id, 'sv')}: {ctx.label(h.from_, 'sv')} hänvisar patienten till "
                    f"{ctx.label(h.to, 'sv')} utan skriftlig vårdbegäran; ansvaret förs inte över och ingen "
                    f"vet om patienten hör av sig"
                ),
                "en": (
                    f"{ctx.label(h.id, 'en')}: {ctx.label(h.from_, 'en')} guides the patient to "
                    f"{ctx.label(h.to, 'en')} without a written care request; the responsibility is not handed "
                    f"over and nobody knows whether the patient gets in touch"
                ),
            },
            profiles=[dict(h.profile)],
            data={"handover": h.id, "from": h.from_, "to": h.to, "needs": list(h.needs)},
        )


RULE = Rule(
    code="PW107",
    name="guidance-without-request",
    severity="warning",
    title={"sv": "Hänvisning utan vårdbegäran", "en": "Guidance without a care request"},
    explanation={
        "sv": (
            "Patienten hänvisas till en annan verksamhet i stället för att skickas med en skriftlig "
            "vårdbegäran eller remiss. För patienten betyder det att hen själv måste ta kontakten, att "
            "ingen information följer med och att ingen följer upp om mottagaren tog emot: avsändaren har "
            "släppt ansvaret men mottagaren har aldrig fått det. Källa: seed 002, klinikernas fråga om att "
            "hänvisa patienter till kommunrehab i stället för skriftlig vårdbegäran (gråzon 5). Åtgärd i "
            "överenskommelsen: kräv skriftlig vårdbegäran för att ansvaret ska gå över, eller beskriv när "
            "hänvisning räcker och vem som behåller ansvaret tills mottagaren tagit emot patienten."
        ),
        "en": (
            "The patient is guided to another unit instead of being sent with a written care request or a "
            "referral. For the patient: they must make contact themselves, no information follows, and nobody "
            "checks that the receiver took them on: the sender has let go and the receiver never received "
            "the responsibility. Source: seed 002, the clinicians' question about guiding patients to municipal "
            "rehab instead of a written care request (grey zone 5). Fix in the agreement: require a written care "
            "request for responsibility to pass, or state when guidance is enough and who keeps the "
            "responsibility until the receiver has taken the patient on."
        ),
    },
    source="seed-002 Inkomna frågeställningar",
    complexity="O(H) for H handovers",
    check=check,
)
