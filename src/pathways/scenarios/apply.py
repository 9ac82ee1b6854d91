"""Apply scenarios to a model, purely; invert a scenario; compare models by their dumps.

:func:`apply_scenarios` never changes the model it is given: it builds a new one, checks
it with the model's own validation, and either returns it whole or raises
:class:`ModelError` with one problem per mistake, each at the line of the scenario
change that caused it. Two scenarios that change the same element (or the same field
of it) are a conflict; changes inside one scenario apply in order.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from pathways.cases.yamlfile import suggest
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model, Origin
from pathways.model.pydantic_errors import error_message
from pathways.model.schema import COLLECTIONS
from pathways.model.validate import check_model
from pathways.scenarios.format import Change, Scenario

_MISSING = object()


def dump_element(element) -> dict:
    """An element as plain data with every field (the form changes work on)."""
    return element.model_dump(mode="json", by_alias=True)


def dump_collections(model: Model) -> dict[str, list[dict]]:
    """The whole model as plain data per collection (and ``model`` for the header), in order."""
    data = {name: [dump_element(e) for e in model.collections[name]] for name in COLLECTIONS}
    data["model"] = [model.meta.model_dump(mode="json", by_alias=True)]
    return data


class _Failed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


@dataclass
class _State:
    model: Model
    collections: dict[str, list] = field(init=False)
    origins: dict[str, Origin] = field(init=False)
    where: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.collections = {name: list(items) for name, items in self.model.collections.items()}
        self.origins = dict(self.model.origins)
        self.where = {item.id: name for name, items in self.collections.items() for item in items}

    def index(self, name: str, element_id: str) -> int:
        for i, item in enumerate(self.collections[name]):
            if item.id == element_id:
                return i
        raise KeyError(element_id)

    def build(self) -> Model:
        return Model(
            meta=self.model.meta,
            collections={name: list(items) for name, items in self.collections.items()},
            origins=dict(self.origins),
            meta_origin=self.model.meta_origin,
            root=self.model.root,
        )


def _problem(change: Change, path: tuple, message: str) -> Problem:
    line, col = change.where(*path)
    return Problem(change.file, line, col, change.target, message)


def _origin_of(change: Change) -> Origin:
    if change.origin is not None:
        return change.origin
    node = change.node.get("element") if change.node is not None else None
    return Origin(change.file, node if hasattr(node, "where") else None)


def _validate(cls, data: dict, change: Change, path: tuple, collection: str) -> Any:
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = (*path, *loc) if path == ("element",) else path
            problems.append(_problem(change, where, f"{collection} element: {error_message(cls, err)}"))
        raise _Failed(problems) from None


def _unknown(state: _State, change: Change, key: str) -> Problem:
    return _problem(
        change,
        (key,),
        f"'{change.target}' is not an element of the model (at this point of the scenarios){suggest(change.target, list(state.where))}",
    )


def _apply_one(state: _State, change: Change) -> Change:
    """Apply one change to the state; return its inverse. Raises _Failed."""
    op = change.op
    if op == "add":
        name = change.collection
        if name not in COLLECTIONS:
            raise _Failed(
                [
                    _problem(
                        change,
                        ("add",),
                        f"'{name}' is not a collection{suggest(name, list(COLLECTIONS))}; collections: {', '.join(COLLECTIONS)}",
                    )
                ]
            )
        if not isinstance(change.element, dict):
            raise _Failed([_problem(change, ("element",), "'element' is a mapping: the whole new element")])
        element = _validate(COLLECTIONS[name], change.element, change, ("element",), name)
        if element.id in state.where:
            raise _Failed(
                [
                    _problem(
                        change,
                        ("element", "id"),
                        f"'{element.id}' is already an element of the model (in {state.where[element.id]}); ids are unique",
                    )
                ]
            )
        items = state.collections[name]
        if change.after is not None and change.before is not None:
            raise _Failed([_problem(change, ("after",), "give 'after' or 'before', not both")])
        position = len(items)
        for key in ("after", "before"):
            anchor = getattr(change, key)
            if anchor is None:
                continue
            if state.where.get(anchor) != name:
                raise _Failed(
                    [
                        _problem(
                            change,
                            (key,),
                            f"'{anchor}' is not an element of {name}{suggest(anchor, [i.id for i in items])}",
                        )
                    ]
                )
            position = state.index(name, anchor) + (1 if key == "after" else 0)
        items.insert(position, element)
        state.where[element.id] = name
        state.origins[element.id] = _origin_of(change)
        return Change(
            op="remove", target=element.id, file=change.file, line=change.line, col=change.col, node=change.node
        )

    if change.target not in state.where:
        raise _Failed([_unknown(state, change, op)])
    name = state.where[change.target]
    cls = COLLECTIONS[name]
    items = state.collections[name]
    index = state.index(name, change.target)
    old = items[index]
    old_origin = state.origins.get(change.target)

    if op == "remove":
        del items[index]
        del state.where[change.target]
        state.origins.pop(change.target, None)
        neighbour = {"after": items[index - 1].id} if index > 0 else ({"before": items[0].id} if items else {})
        return Change(
            op="add",
            target=change.target,
            collection=name,
            element=dump_element(old),
            file=change.file,
            line=change.line,
            col=change.col,
            node=change.node,
            origin=old_origin,
            **neighbour,
        )

    if op == "replace":
        if not isinstance(change.element, dict):
            raise _Failed([_problem(change, ("element",), "'element' is a mapping: the whole new element")])
        element = _validate(cls, change.element, change, ("element",), name)
        if element.id != change.target:
            raise _Failed(
                [
                    _problem(
                        change,
                        ("element", "id"),
                        f"the new element's id is '{element.id}'; 'replace' keeps the id '{change.target}' (to rename, remove and add)",
                    )
                ]
            )
        items[index] = element
        state.origins[change.target] = _origin_of(change)
        return Change(
            op="replace",
            target=change.target,
            element=dump_element(old),
            file=change.file,
            line=change.line,
            col=change.col,
            node=change.node,
            origin=old_origin,
        )

    # set
    path = change.path
    if path[0] == "id":
        raise _Failed([_problem(change, ("field",), "'set' cannot change an id; remove the element and add it again")])
    data = dump_element(old)
    container: Any = data
    for depth, step in enumerate(path[:-1]):
        shown = ".".join(str(p) for p in path[: depth + 1])
        if (isinstance(container, dict) and not isinstance(step, int) and step in container) or (
            isinstance(container, list) and isinstance(step, int) and step < len(container)
        ):
            container = container[step]
        elif container is None:
            raise _Failed(
                [
                    _problem(
                        change,
                        ("field",),
                        f"'{'.'.join(str(p) for p in path[:depth])}' is empty; set it as a whole first",
                    )
                ]
            )
        else:
            raise _Failed(
                [_problem(change, ("field",), f"'{change.target}' has no '{shown}'{_fields_hint(container, step)}")]
            )
        if container is None and depth < len(path) - 2:
            raise _Failed([_problem(change, ("field",), f"'{shown}' is empty; set '{shown}' as a whole")])
    last = path[-1]
    if container is None:
        parent = ".".join(str(p) for p in path[:-1])
        raise _Failed([_problem(change, ("field",), f"'{parent}' is empty; set '{parent}' as a whole")])
    if isinstance(container, list):
        if not isinstance(last, int) or last >= len(container):
            raise _Failed(
                [
                    _problem(
                        change,
                        ("field",),
                        f"'{change.field}': the list has {len(container)} items (0-{len(container) - 1})",
                    )
                ]
            )
        previous = container[last]
    elif isinstance(container, dict):
        if isinstance(last, int):
            last = str(last)
        previous = container.get(last, _MISSING)
        if previous is _MISSING and container is data:
            raise _Failed(
                [
                    _problem(
                        change,
                        ("field",),
                        f"'{change.target}' ({name}) has no field '{last}'{_fields_hint(data, last)}",
                    )
                ]
            )
    else:
        raise _Failed([_problem(change, ("field",), f"'{change.field}' does not lead into a mapping or a list")])
    container[last] = copy.deepcopy(change.value)
    element = _validate(cls, data, change, ("value",), name)
    items[index] = element
    if previous is _MISSING:
        parent_path = ".".join(str(p) for p in path[:-1])
        parent_old = dump_element(old)
        for step in path[:-1]:
            parent_old = parent_old[step]
        return Change(
            op="set",
            target=change.target,
            field=parent_path,
            value=parent_old,
            file=change.file,
            line=change.line,
            col=change.col,
            node=change.node,
        )
    return Change(
        op="set",
        target=change.target,
        field=change.field,
        value=copy.deepcopy(previous),
        file=change.file,
        line=change.line,
        col=change.col,
        node=change.node,
    )


def _fields_hint(container: Any, wrong: object) -> str:
    """'did you mean' the closest field, else the fields there are."""
    if isinstance(container, dict) and container:
        keys = [str(k) for k in container]
        return suggest(str(wrong), keys) or f"; fields: {', '.join(keys)}"
    return ""


def _keys(change: Change) -> tuple[str, tuple]:
    if change.op == "set":
        return change.target, tuple(str(p) for p in change.path)
    return change.target, ()


def conflicts(scenarios: list[Scenario]) -> list[Problem]:
    """A scenario given twice; changes of different scenarios to the same element, or to the same field of it."""
    problems = []
    seen: list[tuple[str, tuple, Scenario, Change]] = []
    given: dict[str, Scenario] = {}
    for s in scenarios:
        if s.id in given:
            problems.append(
                Problem(
                    s.file, s.line, s.col, s.id, f"scenario '{s.id}' is given twice ({given[s.id].file}); give it once"
                )
            )
            continue
        given[s.id] = s
        mine = []
        for c in s.changes:
            target, path = _keys(c)
            clash = next(
                (
                    x
                    for x in seen
                    if x[0] == target and x[2].id != s.id and (x[1][: len(path)] == path or path[: len(x[1])] == x[1])
                ),
                None,
            )
            if clash is not None:
                what = f"field '{c.field}' of '{target}'" if c.op == "set" and clash[3].op == "set" else f"'{target}'"
                problems.append(
                    Problem(
                        c.file,
                        c.line,
                        c.col,
                        target,
                        f"conflict: scenario '{s.id}' and scenario '{clash[2].id}' ({clash[3].file}:{clash[3].line}) "
                        f"both change {what}; apply them one at a time, or merge them into one scenario",
                    )
                )
            mine.append((target, path, s, c))
        seen.extend(mine)
    return problems


def _run(model: Model, changes: list[Change]) -> tuple[_State, list[Change], list[Problem]]:
    state = _State(model)
    inverses: list[Change] = []
    problems: list[Problem] = []
    for change in changes:
        try:
            inverses.append(_apply_one(state, change))
        except _Failed as exc:
            problems.extend(exc.problems)
    return state, inverses, problems


def _attribute(model: Model, changes: list[Change], final: list[Problem]) -> list[Problem]:
    """Each problem of the changed model, at the line of the first change that brings it."""
    files = {c.file for c in changes}
    result: list[Problem] = []
    open_problems = []
    for p in final:
        if p.file in files:
            result.append(p)
        else:
            open_problems.append(p)
    if not open_problems:
        return result
    wanted = {(p.element_id, p.message): p for p in open_problems}
    for k in range(1, len(changes) + 1):
        if not wanted:
            break
        state, _, _ = _run(model, changes[:k])
        present = {(p.element_id, p.message) for p in check_model(state.build())}
        for key in [key for key in wanted if key in present]:
            p = wanted.pop(key)
            c = changes[k - 1]
            result.append(Problem(c.file, c.line, c.col, c.target, f"this change leaves the model invalid: {p}"))
    for p in wanted.values():
        c = changes[-1]
        result.append(Problem(c.file, c.line, c.col, c.target, f"the scenarios leave the model invalid: {p}"))
    return result


def apply_scenarios(model: Model, scenarios: list[Scenario]) -> Model:
    """The model with the scenarios applied in order, validated; ModelError if anything is wrong.

    Pure: ``model`` is not changed. Nothing is half-applied: either every change applies
    and the result is a valid model, or ModelError lists every problem (an unknown id, a
    change that leaves the model invalid, a conflict between two scenarios) at its line.
    """
    problems = conflicts(scenarios)
    if problems:
        raise ModelError(problems)
    changes = [c for s in scenarios for c in s.changes]
    state, _, problems = _run(model, changes)
    if problems:
        raise ModelError(problems)
    changed = state.build()
    final = check_model(changed)
    if final:
        raise ModelError(_attribute(model, changes, final))
    return changed


def invert(scenario: Scenario, base_model: Model) -> Scenario:
    """The scenario that undoes ``scenario`` on the model it was applied to.

    ``apply_scenarios(apply_scenarios(base, [s]), [invert(s, base)])`` gives ``base``
    back exactly (same elements, same order, same values).
    """
    _state, inverses, problems = _run(base_model, list(scenario.changes))
    if problems:
        raise ModelError(problems)
    return replace(
        scenario,
        id=f"{scenario.id}-invers",
        label={"sv": f"Återställ: {scenario.label['sv']}", "en": f"Undo: {scenario.label['en']}"},
        rationale=f"Återställer modellen före scenariot '{scenario.id}'. / Restores the model before scenario '{scenario.id}'.",
        changes=tuple(reversed(inverses)),
    )
