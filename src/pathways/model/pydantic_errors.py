"""Pydantic validation errors in words, at their place in the file: ``file:line:col: id: message``.

The one translator for every file a user writes: model files, cases, scenarios, the
baseline and ``rules.yaml``. A loader validates a document read with positions
(:func:`pathways.model.yamlio.load_yaml`) and hands the ``ValidationError`` to
:func:`validation_problems`.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from pathways.model.errors import Problem
from pathways.model.positions import PosDict, PosList


def fields_of(cls: type[BaseModel]) -> list[str]:
    """The names a user writes for the fields of ``cls`` (aliases where set)."""
    return [f.alias or name for name, f in cls.model_fields.items()]


def class_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic class whose field list applies at ``loc`` under ``root`` (for suggestions)."""
    cls: type[BaseModel] | None = root
    for step in loc[:-1]:
        if cls is None or isinstance(step, int):
            continue
        info = cls.model_fields.get(step) or next((f for f in cls.model_fields.values() if f.alias == step), None)
        if info is None:
            return None
        annotation, cls = info.annotation, None
        for arg in (annotation, *getattr(annotation, "__args__", ())):
            for inner in (arg, *getattr(arg, "__args__", ())):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    cls = inner
    return cls


def where(loc: tuple) -> str:
    """The field a location names, as a user reads it.

    >>> where(("units", 3, "passes", 1)), where(("label",)), where(())
    ("'passes', item 2", "'label'", 'the element')
    """
    names = [step for step in loc if isinstance(step, str)]
    field = f"'{names[-1]}'" if names else "the element"
    if loc and isinstance(loc[-1], int):
        return f"{field}, item {loc[-1] + 1}"
    return field


def _unknown(root: type[BaseModel], loc: tuple, top: list[str] | None) -> str:
    name = loc[-1] if loc else ""
    if len(loc) == 1 and top is not None:
        allowed, what = top, "collection"
    else:
        cls = class_at(root, loc)
        allowed, what = (fields_of(cls) if cls else []), "field"
    close = difflib.get_close_matches(str(name), allowed, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else (f"; allowed: {', '.join(allowed)}" if allowed else "")
    return f"unknown {what} '{name}'{hint}"


def error_message(root: type[BaseModel], err: Any, top: list[str] | None = None) -> str:
    """One pydantic error said for the people who edit the file, with a suggestion where one helps.

    ``top``: the names allowed at the top of the document when they are collections (model files).
    """
    loc = tuple(err["loc"])
    kind, value, at = err["type"], err.get("input"), where(loc)
    if kind == "extra_forbidden":
        return _unknown(root, loc, top)
    if kind == "missing":
        return f"missing required field '{loc[-1] if loc else ''}'"
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", ""))
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{at}: '{value}' is not allowed; use one of: {', '.join(allowed)}{hint}"
    if kind == "string_pattern_mismatch":
        return f"{at}: an id may not be empty or begin or end with a space"
    if kind == "string_type":
        if isinstance(value, bool):
            return f'{at}: must be text; YAML reads yes/no/on/off as true/false: put the text in quotes, e.g. "Yes"'
        if isinstance(value, (int, float)):
            return f'{at}: write it in quotes to make it text: "{value}"'
        return f"{at}: must be text"
    if kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        return f"{at}: needs at least {least} item{'s' if least != 1 else ''}"
    if kind == "list_type":
        return f"{at}: must be a list; write each element on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{at}: must be a mapping of fields ('field: value' lines)"
    return f"{at}: {err['msg'].removeprefix('Value error, ')}"


def locate(doc: object, loc: tuple) -> tuple[int, int, str]:
    """(line, col, element id) of an error location inside a document read with positions.

    The element id is that of the nearest mapping with an ``id`` within two steps of the top.
    """
    node: Any = doc
    line_col, element_id = getattr(doc, "start", (1, 1)), ""
    for depth, step in enumerate(loc):
        if isinstance(node, PosDict):
            line_col = node.where(step) if step in node else node.start
            node = node.get(step)
        elif isinstance(node, PosList) and isinstance(step, int) and 0 <= step < len(node):
            line_col = node.where(step)
            node = node[step]
        else:
            break
        if depth <= 1 and isinstance(node, dict) and isinstance(node.get("id"), str):
            element_id = node["id"]
    return line_col[0], line_col[1], element_id


def validation_problems(
    exc: ValidationError,
    root: type[BaseModel],
    doc: object,
    display: str,
    element_id: str = "",
    prefix: tuple = (),
    top: list[str] | None = None,
) -> list[Problem]:
    """Every error of a validation as a Problem at its place in the file.

    ``prefix``: the path of the validated part inside ``doc`` (a scenario's change, a case's
    event); ``element_id``: the id to show, else the id found at the place; ``top``: see
    :func:`error_message`. A misspelt field is reported once, with a suggestion, not also
    as the required field it misses.
    """
    errors = exc.errors()
    misspelt = set()
    for err in errors:
        if err["type"] == "extra_forbidden" and err["loc"]:
            cls = class_at(root, tuple(err["loc"]))
            for close in difflib.get_close_matches(str(err["loc"][-1]), fields_of(cls) if cls else [], n=1):
                misspelt.add((*err["loc"][:-1], close))
    problems = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc in misspelt:
            continue
        line, col, found_id = locate(doc, (*prefix, *loc))
        problems.append(Problem(display, line, col, element_id or found_id, error_message(root, err, top)))
    return problems
