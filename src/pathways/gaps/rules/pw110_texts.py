"""The messages of PW110 (:mod:`pathways.gaps.rules.pw110_missing_sip`), Swedish and English."""

from __future__ import annotations

PARTY = {
    "sv": "SIP-punkten '{sip}' (vid '{at}') saknar {unit} bland deltagarna: {why} Gäller: {profiles}",
    "en": "The SIP point '{sip}' (at '{at}') leaves out {unit}: {why} Applies to: {profiles}",
}
WHY = {
    "sender": {
        "sv": "den som lämnar över patienten måste vara med och planera.",
        "en": "the unit that hands the patient over must take part in the plan.",
    },
    "receiver": {
        "sv": "den som tar emot patienten måste vara med och planera.",
        "en": "the unit that receives the patient must take part in the plan.",
    },
    "unit": {
        "sv": "verksamheten där SIP:en kallas måste vara med.",
        "en": "the unit where the SIP is called must take part.",
    },
    "assessor": {
        "sv": "patienter med socialtjänstinsatser behöver socialtjänstens biståndshandläggare i planen.",
        "en": "patients with social-care interventions need social services' needs assessor in the plan.",
    },
}


DEADLINE = {
    "sv": "SIP-punkten '{sip}' vid '{at}' räknar inte kallelsen som lagen: {why} Gäller: {profiles}",
    "en": "The SIP point '{sip}' at '{at}' does not count the call as the law does: {why} Applies to: {profiles}",
}
_LAW = {
    "sv": " Den fasta vårdkontakten ska kalla till SIP inom 3 dagar efter meddelandet om utskrivningsklar "
    "(lag 2017:612), så att planeringen kan ske före utskrivningen.",
    "en": " The named care contact must call the SIP within 3 days of the ready-for-discharge notice "
    "(Act 2017:612), so that the planning can happen before discharge.",
}
DEADLINE_WHY = {
    "none": {"sv": "den har ingen tidsgräns." + _LAW["sv"], "en": "it has no time limit." + _LAW["en"]},
    "after": {
        "sv": "tidsgränsen räknas inte från meddelandet om utskrivningsklar." + _LAW["sv"],
        "en": "its limit does not count from the ready-for-discharge notice." + _LAW["en"],
    },
    "meeting": {
        "sv": "tidsgränsen gäller mötet, inte kallelsen." + _LAW["sv"],
        "en": "its limit is for the meeting, not the call." + _LAW["en"],
    },
    "days": {"sv": "tidsgränsen är längre än 3 dagar." + _LAW["sv"], "en": "its limit is over 3 days." + _LAW["en"]},
}
