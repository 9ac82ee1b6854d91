"""Where the elements behind findings stand in the model files: ``file:line`` per element id.

Computed when asked for (the loader's positions of a JSON model are parsed lazily).
"""

from __future__ import annotations

from collections.abc import Iterable

from pathways.model.model import Model


def element_location(model: Model, element_id: str) -> str:
    """``file:line`` of an element, or ``""`` for an id that is not in the model."""
    if model.get(element_id) is None:
        return ""
    origin = model.origin(element_id)
    line, _ = origin.where()
    return f"{origin.file}:{line}"


def locations(model: Model, findings: Iterable) -> dict[str, dict[str, str]]:
    """finding id -> element id -> ``file:line``, for the elements of each finding."""
    cache: dict[str, str] = {}
    out = {}
    for f in findings:
        where = {}
        for e in f.elements:
            if e not in cache:
                cache[e] = element_location(model, e)
            if cache[e]:
                where[e] = cache[e]
        out[f.id] = where
    return out
