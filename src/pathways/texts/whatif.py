"""The sentences of the what-if diagram and report: what a scenario changes, and words with
a singular and a plural form (:mod:`pathways.outputs.whatif_text` fills them in)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "keeps": "{frm} behåller patienten {n} efter överlämningen till {tos} (förut {m})",
        "takes": "{tos} tar över patienten {n} efter överlämningen från {frm} (förut {m})",
        "passes_more": "Vid överlämningen från {frm} till {tos} följer nu {items} med",
        "passes_less": "Vid överlämningen från {frm} till {tos} följer {items} inte längre med",
        "ho_profile": "Överlämningen från {frm} till {tos} {what}",
        "ho_added": "Ny överlämning från {frm} till {tos}",
        "ho_removed": "Överlämningen från {frm} till {tos} tas bort",
        "added": "Nytt: {label}",
        "removed": "Tas bort: {label}",
        "changed": "{label}: {what}",
        "more": "gäller nu även {dim} {values}",
        "less": "gäller inte längre {dim} {values}",
        "only": "gäller nu bara {dim} {values}",
        "any": "gäller nu alla oavsett {dim}",
        "also": "nu även {values}",
        "no_longer": "inte längre {values}",
        "sip_deadline": "{label} hålls senast {when} (förut {before})",
        "sip_same_day": "samma dag som {event}",
        "sip_days": "{n} efter {event}",
        "no_limit": "utan tidsgräns",
        "invited": "{units} kallas nu till {label}",
        "not_invited": "{units} kallas inte längre till {label}",
        "window_end": "{owner} äger behoven till {n} efter {event} (förut {m})",
        "field": "{field} ändras från {before} till {after}",
        "none": "inget",
        "and": "och",
        "headline_days": "Dagar utan ägare i patientfallen: {before} → {after}",
        "headline_gaps": "Glapp: {resolved}, {new}",
        "no_new": "inga nya",
        "no_resolved": "inga lösta",
        "ownership": "ägarskapet ändras på {n} {places}",
    },
    "en": {
        "keeps": "{frm} keeps the patient {n} after the handover to {tos} (before: {m})",
        "takes": "{tos} takes the patient over {n} after the handover from {frm} (before: {m})",
        "passes_more": "The handover from {frm} to {tos} now passes {items}",
        "passes_less": "The handover from {frm} to {tos} no longer passes {items}",
        "ho_profile": "The handover from {frm} to {tos} {what}",
        "ho_added": "New handover from {frm} to {tos}",
        "ho_removed": "The handover from {frm} to {tos} is removed",
        "added": "New: {label}",
        "removed": "Removed: {label}",
        "changed": "{label}: {what}",
        "more": "now also holds for {dim} {values}",
        "less": "no longer holds for {dim} {values}",
        "only": "now holds only for {dim} {values}",
        "any": "now holds whatever the {dim}",
        "also": "now also {values}",
        "no_longer": "no longer {values}",
        "sip_deadline": "{label} is held {when} at the latest (before: {before})",
        "sip_same_day": "the same day as {event}",
        "sip_days": "{n} after {event}",
        "no_limit": "no time limit",
        "invited": "{units} are now invited to {label}",
        "not_invited": "{units} are no longer invited to {label}",
        "window_end": "{owner} owns the needs until {n} after {event} (before: {m})",
        "field": "{field} changes from {before} to {after}",
        "none": "nothing",
        "and": "and",
        "headline_days": "Days without an owner in the patient cases: {before} → {after}",
        "headline_gaps": "Gaps: {resolved}, {new}",
        "no_new": "none new",
        "no_resolved": "none resolved",
        "ownership": "ownership changes in {n} {places}",
    },
}


PLURALS = {
    "sv": (("Överlämningen ", "Överlämningarna "), ("Vid överlämningen ", "Vid överlämningarna ")),
    "en": (("The handover ", "The handovers "),),
}
"""A sentence about several handovers: the words in the plural."""


FORMS: dict[str, dict[str, tuple[str, str]]] = {
    "sv": {
        "days": ("dag", "dagar"),
        "resolved": ("löst", "lösta"),
        "new": ("nytt", "nya"),
        "places": ("ställe", "ställen"),
    },
    "en": {
        "days": ("day", "days"),
        "resolved": ("resolved", "resolved"),
        "new": ("new", "new"),
        "places": ("place", "places"),
    },
}
"""Words with a singular and a plural form."""
