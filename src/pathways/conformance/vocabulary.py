"""The words of a journey log: its columns (Swedish and English), its own event kinds, deviations.

A log row names a *kind*: an event of the model (``inskrivning``, ``utskrivning``, ...), a
step of a route (``steg-sip-3-dagar``) done that day, or one of the follow-up kinds below
that only a log has: the receiver accepted a handover, the information was passed.
"""

from __future__ import annotations

COLUMNS: dict[str, tuple[str, ...]] = {
    "journey": ("resa", "journey", "case:concept:name"),
    "date": ("datum", "date", "time:timestamp"),
    "kind": ("händelse", "handelse", "event", "concept:name"),
    "unit": ("enhet", "unit", "org:resource"),
    "municipality": ("kommun", "municipality"),
    "need": ("behov", "need"),
    "handover": ("överlämning", "overlamning", "handover"),
    "note": ("anteckning", "note"),
    "system": ("källsystem", "kallsystem", "system"),
}
"""Field -> the column names accepted for it (case-insensitive); the first is the template's."""

REQUIRED = ("journey", "date", "kind")

PROFILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "journey": COLUMNS["journey"],
    "from": ("från", "fran", "from", "giltig från", "valid from"),
}
"""The profile table: journey, the date the row applies from, then one column per dimension."""

NAME_COLUMNS = frozenset(
    {
        "namn",
        "name",
        "förnamn",
        "fornamn",
        "efternamn",
        "first name",
        "firstname",
        "last name",
        "lastname",
        "surname",
        "patient",
        "patientnamn",
        "personnummer",
        "pnr",
        "samordningsnummer",
        "e-post",
        "epost",
        "email",
        "e-mail",
        "mail",
        "adress",
        "address",
        "telefon",
        "phone",
    }
)
"""Column names that hold, or invite, personal data: a log with one is refused."""

ACCEPTED = "acceptans"
"""Follow-up kind: the receiver accepted the handover (its acceptance gate)."""
INFORMATION = "information"
"""Follow-up kind: the information the handover passes was passed."""
FOLLOW_UP_KINDS = (ACCEPTED, INFORMATION)

DEVIATIONS: dict[str, dict[str, str]] = {
    "step-late": {"sv": "Steg i vägen för sent", "en": "Route step late"},
    "step-missing": {"sv": "Steg i vägen saknas", "en": "Route step missing"},
    "sip-late": {"sv": "SIP kallad för sent", "en": "SIP called late"},
    "sip-missing": {"sv": "SIP inte kallad", "en": "SIP not called"},
    "no-acceptance": {"sv": "Överlämning utan acceptans", "en": "Handover without acceptance"},
    "info-not-passed": {"sv": "Information inte överförd", "en": "Information not passed"},
    "need-without-owner": {"sv": "Dagar med behov utan ägare", "en": "Days with a need and no owner"},
}
"""Deviation kinds, in the order they are reported."""

SEGMENTS: tuple[tuple[str, str, str], ...] = (
    ("admission-ready", "inskrivning", "utskrivningsklar"),
    ("ready-discharge", "utskrivningsklar", "utskrivning"),
    ("discharge-first-visit", "utskrivning", "first-visit"),
    ("admission-first-visit", "inskrivning", "first-visit"),
)
"""SVF-style segments between measuring points: (id, from, to)."""

SEGMENT_LABELS: dict[str, dict[str, str]] = {
    "admission-ready": {"sv": "Inskrivning → utskrivningsklar", "en": "Admission → ready for discharge"},
    "ready-discharge": {"sv": "Utskrivningsklar → utskrivning", "en": "Ready → discharge"},
    "discharge-first-visit": {"sv": "Utskrivning → första besök", "en": "Discharge → first visit"},
    "admission-first-visit": {"sv": "Inskrivning → första besök", "en": "Admission → first visit"},
}


def header_field(name: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The field a column name stands for in ``table``, or None.

    >>> header_field("Händelse", COLUMNS), header_field("unit", COLUMNS), header_field("x", COLUMNS)
    ('kind', 'unit', None)
    """
    key = name.strip().lower()
    for field, names in table.items():
        if key in names:
            return field
    return None
