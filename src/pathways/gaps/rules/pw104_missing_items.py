"""PW104 handover-missing-items: the receiver needs items the handover does not pass.

Definition: for each handover, the items of ``receiver_needs`` (information, rehab plan,
medical plan, devices, the time limit of a temporary prescription, follow-up or cost
responsibility, the SIP plan) that are not in ``passes``. One finding per handover,
listing the missing items in the order of ``receiver_needs``.

Cost: O(H * I) for H handovers and I items per handover (I <= 8).
"""

from __future__ import annotations

from collections.abc import Iterator

from pathways.gaps.core import Context, Hit, Rule

ITEMS = {
    "information": {"sv": "information om patienten", "en": "information on the patient"},
    "rehab_plan": {"sv": "rehabiliteringsplan", "en": "rehab plan"},
    "medical_plan": {"sv": "medicinsk plan", "en": "medical plan"},
    "devices": {"sv": "hjälpmedel", "en": "assistive devices"},
    "temporary_prescription_limit": {
        "sv": "tidsgräns för tillfällig förskrivning",
        "en": "time limit of a temporary prescription",
    },
    "follow_up_responsibility": {"sv": "uppföljningsansvar", "en": "follow-up responsibility"},
    "cost_responsibility": {"sv": "kostnadsansvar", "en": "cost responsibility"},
    "sip_plan": {"sv": "SIP (samordnad individuell plan)", "en": "SIP (coordinated individual plan)"},
}
"""Words for the handover items, as therapists say them."""


def item_text(item: str, lang: str) -> str:
    return ITEMS.get(item, {}).get(lang, item)


def check(ctx: Context) -> Iterator[Hit]:
    for h in ctx.model.handovers:
        passed = set(h.passes)
        missing = [i for i in dict.fromkeys(h.receiver_needs) if i not in passed]
        if not missing:
            continue
        words = {lang: ", ".join(item_text(i, lang) for i in missing) for lang in ("sv", "en")}
        yield Hit(
            key=(h.id,),
            elements=[h.id, h.from_, h.to],
            message={
                "sv": (
                    f"{ctx.label(h.id, 'sv')}: {ctx.label(h.to, 'sv')} behöver {words['sv']} för att kunna ta över, "
                    f"men {ctx.label(h.from_, 'sv')} för inte över det i överlämningen"
                ),
                "en": (
                    f"{ctx.label(h.id, 'en')}: {ctx.label(h.to, 'en')} needs {words['en']} to take over, "
                    f"but {ctx.label(h.from_, 'en')} does not pass it on in the handover"
                ),
            },
            profiles=[dict(h.profile)],
            data={
                "handover": h.id,
                "missing": missing,
                "passes": list(h.passes),
                "receiver_needs": list(h.receiver_needs),
            },
        )


RULE = Rule(
    code="PW104",
    name="handover-missing-items",
    severity="warning",
    title={"sv": "Överlämning saknar det mottagaren behöver", "en": "Handover lacks what the receiver needs"},
    explanation={
        "sv": (
            "Mottagaren behöver vissa uppgifter eller saker för att kunna ta över (information, "
            "rehabiliteringsplan, hjälpmedel, tidsgräns för tillfällig förskrivning, uppföljnings- eller "
            "kostnadsansvar), men överlämningen för inte över dem. För patienten betyder det att mottagaren "
            "får börja om med bedömningen, att hjälpmedel saknas hemma eller att en tillfällig förskrivning "
            "löper ut utan att någon följer upp den. Källa: seed 002 (informationsöverföring och dialog, "
            "planerade åtgärder/rehabplan som stödpunkter), seed 001 (hjälpmedel inte på plats vid hemgång) "
            "och Region Dalarnas förskrivarsidor (en tillfällig förskrivnings tidsgräns ska föras vidare i "
            "överrapporteringen). Åtgärd i överenskommelsen: skriv in vad som ska följa med i överlämningen, "
            "eller vem som tar fram det som saknas och när."
        ),
        "en": (
            "The receiver needs certain information or items to take over (information, rehab plan, devices, "
            "the time limit of a temporary prescription, follow-up or cost responsibility), but the handover "
            "does not pass them. For the patient: the receiver starts the assessment over, devices are "
            "missing at home, or a temporary prescription runs out with nobody following it up. Source: "
            "seed 002 (information transfer, planned measures/rehab plan), seed 001 (devices not in place at "
            "discharge) and Region Dalarna's prescriber pages (the time limit of a temporary prescription "
            "must be passed on in the handover report). Fix in the agreement: state what the handover must "
            "carry, or who provides the missing items and when."
        ),
    },
    source="seed-002 Stödpunkter; seed-001 1. Bakgrund; rd-forskrivare",
    complexity="O(H*I) for H handovers and I items each",
    check=check,
)
