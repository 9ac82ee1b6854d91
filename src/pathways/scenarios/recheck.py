"""Validate a changed model where its changes can reach, reusing its base's clean validation."""

from __future__ import annotations

from pathways.model.clean import is_clean, mark_clean
from pathways.model.errors import Problem
from pathways.model.model import Model
from pathways.model.validate import check_model
from pathways.scenarios.part import reach


def recheck(base: Model, changed: Model) -> list[Problem]:
    """The problems ``check_model(changed)`` finds, in its order, for ``changed`` made from
    ``base`` by :func:`~pathways.scenarios.apply.apply_scenarios`' steps.

    When ``base`` is known clean (:mod:`pathways.model.clean`) and the part of ``changed``
    its changes can reach (:func:`~pathways.scenarios.part.reach`) checks clean, so does the
    whole: none. Otherwise (a problem found, or no part to check) the whole model is checked,
    so that the problems are those of the full check, at the same positions. A changed model
    found clean is marked clean.
    """
    part = reach(base, changed) if is_clean(base) else None
    problems = check_model(changed) if part is None or check_model(part) else []
    if not problems:
        mark_clean(changed)
    return problems
