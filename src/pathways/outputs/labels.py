"""Labels of model elements in one language, and shorter forms for narrow places."""

from __future__ import annotations

import re

from pathways.model.model import Model

ABBREVIATIONS: dict[str, str] = {
    "rehabiliteringsavdelning": "rehabavdelning",
    "hemrehabilitering": "hemrehab",
    "rehabilitering": "rehab",
    "rehabilitation": "rehab",
    "specialiserad": "spec.",
    "specialised": "spec.",
}
"""Words shortened in narrow places (a unit's box, a matrix cell); the model's own label is
always the start, so a renamed unit shows its new name."""


def short_text(text: str) -> str:
    """A label made shorter for a narrow place: a closing parenthesis dropped
    ("Vårdavdelning (övrig slutenvård)" is "Vårdavdelning"), long care words shortened
    ("rehabilitering" is "rehab", "Specialiserad" before another word is "Spec.").

    >>> short_text("Kommunal rehabilitering i ordinärt boende"), short_text("Specialiserad hemrehabilitering")
    ('Kommunal rehab i ordinärt boende', 'Spec. hemrehab')
    """
    out = re.sub(r"\s*\([^()]*\)\s*$", "", text) if len(re.sub(r"\s*\([^()]*\)\s*$", "", text)) >= 6 else text
    words = out.split(" ")
    for i, w in enumerate(words):
        key = w.lower()
        if key in ABBREVIATIONS and (not key.startswith("spec") or i + 1 < len(words)):
            new = ABBREVIATIONS[key]
            words[i] = new[0].upper() + new[1:] if w[:1].isupper() else new
    return " ".join(words)


def label(model: Model, element_id: str, lang: str) -> str:
    """The label of an element in ``lang``, or its id when the model does not have it."""
    element = model.get(element_id)
    lab = getattr(element, "label", None)
    return getattr(lab, lang) if lab is not None else element_id


def short_unit(model: Model, unit_id: str, lang: str) -> str:
    """A unit's label, shortened for narrow places (:func:`short_text`)."""
    return short_text(label(model, unit_id, lang))
