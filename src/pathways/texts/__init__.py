"""The text catalogue of the outputs: every Swedish and English text of the diagrams
(:data:`DIAGRAM`), the report, the workbook, the Word file and the CSV files
(:data:`REPORT`), in one place.

One Python module rather than a gettext catalogue: the texts are few (a few hundred), each
carries named ``{placeholders}`` that a test can check in both languages, the
sentences are written by the team in both languages side by side (there is no separate
translator who works on ``.po`` files), and a module needs no compile step between
editing and running. A new language is one more block per dictionary.

Look up with :func:`t` (``t("sv", "mgmt_title")``); a key missing in a language falls
back to Swedish, and a missing key raises ``KeyError``.
"""

from __future__ import annotations

from pathways.texts.diagram import DIAGRAM
from pathways.texts.national import NATIONAL, UNIT_KINDS
from pathways.texts.report import KINDS, REPORT

__all__ = [
    "DIAGRAM",
    "EXPLAIN",
    "KINDS",
    "NATIONAL",
    "REPORT",
    "STAMP",
    "UNIT_KINDS",
    "WEEKDAYS_SHORT",
    "diagram_text",
    "kind",
    "national_text",
    "t",
    "unit_kind",
]


def diagram_text(lang: str, key: str, **kw: object) -> str:
    """A text of the diagrams in ``lang``, with ``{placeholders}`` filled."""
    text = DIAGRAM[lang][key]
    return text.format(**kw) if kw else text


def national_text(lang: str, key: str, **kw: object) -> str:
    """A text of the national diagrams in ``lang``, with ``{placeholders}`` filled."""
    text = NATIONAL[lang][key]
    return text.format(**kw) if kw else text


def unit_kind(lang: str, kind_id: str) -> str:
    """A unit kind in words, plural (``health_centre`` → ``Vårdcentraler``)."""
    return UNIT_KINDS[lang].get(kind_id) or kind_id.replace("_", " ")


STAMP: dict[str, dict[str, str]] = {
    "sv": {"model": "modell", "dirty": "ändrad sedan incheckning", "not_in_git": "inte i git"},
    "en": {"model": "model", "dirty": "changed since commit", "not_in_git": "not in git"},
}


def t(lang: str, key: str, **kw: object) -> str:
    """The report text ``key`` in ``lang``, with ``kw`` filled in."""
    text = REPORT.get(lang, {}).get(key) or REPORT["sv"][key]
    return text.format(**kw) if kw else text


def kind(lang: str, kind_id: str) -> str:
    """An element kind in words (``unit`` → ``verksamhet``)."""
    return KINDS.get(lang, {}).get(kind_id) or kind_id.replace("_", " ")


EXPLAIN: dict[str, dict[str, str]] = {
    "sv": {
        "severity": "Allvarsgrad",
        "rule": "Regel",
        "profiles": "Gäller",
        "elements": "Element att ändra",
        "fix": "Det som löser fyndet",
        "gone": "Fyndet försvinner ur `pathways gaps` (och syns som löst i `pathways diff`) när ändringen är gjord.",
        "zone": "Gråzon",
        "source": "Källa",
        "tagged": "Element i gråzonen",
        "findings": "Fynd som rör gråzonen",
        "none": "inga",
        "where": "var",
        "kind": "slag",
        "label": "namn",
    },
    "en": {
        "severity": "Severity",
        "rule": "Rule",
        "profiles": "For",
        "elements": "Elements to edit",
        "fix": "What would resolve it",
        "gone": "The finding leaves `pathways gaps` (and shows as resolved in `pathways diff`) once the change is made.",
        "zone": "Grey zone",
        "source": "Source",
        "tagged": "Elements in the grey zone",
        "findings": "Findings touching the grey zone",
        "none": "none",
        "where": "where",
        "kind": "kind",
        "label": "label",
    },
}
"""The headings of `pathways explain` (a finding or a grey zone)."""


WEEKDAYS_SHORT: dict[str, list[str]] = {
    "sv": ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
}
"""Weekdays, Monday first, as the trace's day-by-day table shows them."""
