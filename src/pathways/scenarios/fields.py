"""The parts of a change that work on one element's data: finding the field a ``set``
names, the list a ``set`` with ``append``/``remove`` makes, validating the changed element,
and the problems, each at its place in the scenario file."""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import ValidationError

from pathways.cases.yamlfile import suggest
from pathways.model.errors import Problem
from pathways.model.pydantic_errors import error_message
from pathways.scenarios.format import Change

MISSING = object()


class Failed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def problem(change: Change, path: tuple, message: str) -> Problem:
    line, col = change.where(*path)
    return Problem(change.file, line, col, change.target, message)


def validate_element(cls, data: dict, change: Change, path: tuple, collection: str) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = (*path, *loc) if path == ("element",) else path
            problems.append(problem(change, where, f"{collection} element: {error_message(cls, err)}"))
        raise Failed(problems) from None


def fail(change: Change, path: tuple, message: str) -> Failed:
    return Failed([problem(change, path, message)])


def locate_field(change: Change, data: dict, name: str) -> tuple[Any, str | int, Any]:
    """The mapping or list holding the field ``change.path`` names, the last step, and the value there."""
    path = change.path
    container: Any = data
    for depth, step in enumerate(path[:-1]):
        shown = ".".join(str(p) for p in path[: depth + 1])
        if (isinstance(container, dict) and not isinstance(step, int) and step in container) or (
            isinstance(container, list) and isinstance(step, int) and step < len(container)
        ):
            container = container[step]
        elif container is None:
            empty = ".".join(str(p) for p in path[:depth])
            raise fail(change, ("field",), f"'{empty}' is empty; set it as a whole first")
        else:
            raise fail(change, ("field",), f"'{change.target}' has no '{shown}'{fields_hint(container, step)}")
    last: str | int = path[-1]
    if container is None:
        parent = ".".join(str(p) for p in path[:-1])
        raise fail(change, ("field",), f"'{parent}' is empty; set '{parent}' as a whole")
    if isinstance(container, list):
        if not isinstance(last, int) or last >= len(container):
            raise fail(
                change, ("field",), f"'{change.field}': the list has {len(container)} items (0-{len(container) - 1})"
            )
        return container, last, container[last]
    if not isinstance(container, dict):
        raise fail(change, ("field",), f"'{change.field}' does not lead into a mapping or a list")
    last = str(last)
    previous = container.get(last, MISSING)
    if previous is MISSING and container is data:
        raise fail(change, ("field",), f"'{change.target}' ({name}) has no field '{last}'{fields_hint(data, last)}")
    return container, last, previous


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def list_items(change: Change, previous: Any) -> list:
    """The list after ``remove`` then ``append``; each removed item must be there, each appended one not."""
    if previous is MISSING or previous is None:
        previous = []
    if not isinstance(previous, list):
        raise fail(change, ("field",), f"'{change.field}' is not a list; give the whole new value with 'value'")
    kept = list(previous)
    problems = []
    for key, items in (("remove", change.remove_items or ()), ("append", change.append or ())):
        for i, item in enumerate(items):
            there = item in kept
            if key == "remove" and not there:
                pool = [x for x in kept if isinstance(x, str)]
                hint = suggest(item, pool) if isinstance(item, str) else ""
                shown = ", ".join(_shown(x) for x in kept) or "empty"
                message = f"{_shown(item)} is not in '{change.field}' ({shown}){hint}"
                problems.append(problem(change, (key, i), message))
            elif key == "append" and there:
                problems.append(problem(change, (key, i), f"{_shown(item)} is already in '{change.field}'"))
            elif key == "remove":
                kept.remove(item)
            else:
                kept.append(copy.deepcopy(item))
    if problems:
        raise Failed(problems)
    return kept


def fields_hint(container: Any, wrong: object) -> str:
    """'did you mean' the closest field, else the fields there are."""
    if isinstance(container, dict) and container:
        keys = [str(k) for k in container]
        return suggest(str(wrong), keys) or f"; fields: {', '.join(keys)}"
    return ""
