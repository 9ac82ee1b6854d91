"""Apply scenarios to a model, purely; invert a scenario; compare models by their dumps.

:func:`apply_scenarios` never changes the model it is given: it builds a new one, checks
it with the model's own validation, and either returns it whole or raises
:class:`ModelError` with one problem per mistake, each at the line of the scenario
change that caused it. Two scenarios that change the same element (or the same field
of it) are a conflict; changes inside one scenario apply in order.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from pathways.cases.yamlfile import suggest
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model, Origin
from pathways.model.schema import COLLECTIONS
from pathways.model.validate import check_model
from pathways.perf import without_gc
from pathways.scenarios.fields import (
    MISSING,
    Failed,
    fail,
    list_items,
    locate_field,
    problem,
    validate_element,
)
from pathways.scenarios.format import Change, Scenario
from pathways.scenarios.recheck import recheck
from pathways.scenarios.references import Reference, drop, references
from pathways.scenarios.state import State, dump_element


def dump_collections(model: Model) -> dict[str, list[dict]]:
    """The whole model as plain data per collection (and ``model`` for the header), in order."""
    data = {name: [dump_element(e) for e in model.collections[name]] for name in COLLECTIONS}
    data["model"] = [model.meta.model_dump(mode="json", by_alias=True)]
    return data


def _origin_of(change: Change) -> Origin:
    if change.origin is not None:
        return change.origin
    node = change.node.get("element") if change.node is not None else None
    return Origin(change.file, node if hasattr(node, "where") else None)


def _unknown(state: State, change: Change, key: str) -> Problem:
    return problem(
        change,
        (key,),
        f"'{change.target}' is not an element of the model (at this point of the scenarios){suggest(change.target, list(state.where))}",
    )


def _position(state: State, change: Change, name: str) -> int:
    """Where in the collection an added element goes: after/before an element, else last."""
    items = state.collections[name]
    if change.after is not None and change.before is not None:
        raise fail(change, ("after",), "give 'after' or 'before', not both")
    position = len(items)
    for key in ("after", "before"):
        anchor = getattr(change, key)
        if anchor is None:
            continue
        if state.where.get(anchor) != name:
            raise fail(
                change, (key,), f"'{anchor}' is not an element of {name}{suggest(anchor, [i.id for i in items])}"
            )
        position = state.index(name, anchor) + (1 if key == "after" else 0)
    return position


def _apply_add(state: State, change: Change) -> Change:
    name = change.collection or ""
    if name not in COLLECTIONS:
        raise fail(
            change,
            ("add",),
            f"'{name}' is not a collection{suggest(name, list(COLLECTIONS))}; collections: {', '.join(COLLECTIONS)}",
        )
    if not isinstance(change.element, dict):
        raise fail(change, ("element",), "'element' is a mapping: the whole new element")
    element = validate_element(COLLECTIONS[name], change.element, change, ("element",), name)
    if element.id in state.where:
        raise fail(
            change,
            ("element", "id"),
            f"'{element.id}' is already an element of the model (in {state.where[element.id]}); ids are unique",
        )
    state.insert(name, _position(state, change, name), element)
    state.where[element.id] = name
    state.origins[element.id] = _origin_of(change)
    return change.undone_by("remove", element.id)


def _where(state: State, ref: Reference) -> str:
    """`` (file:line:col)`` of the referring field."""
    origin = state.origins.get(ref.element)
    if origin is None:
        return ""
    line, col = origin.where(*ref.path)
    return f" ({origin.file}:{line}:{col})"


def _referrer_text(state: State, ref: Reference) -> str:
    return f"{ref.collection} '{ref.element}', field {ref.field}{_where(state, ref)}"


def _drop_references(state: State, change: Change, refs: list[Reference]) -> list[tuple[str, int, Any]]:
    """Drop every reference to the removed element; the (collection, index, old element) of each changed one."""
    by_element: dict[str, list[Reference]] = defaultdict(list)
    for ref in refs:
        by_element[ref.element].append(ref)
    changed, problems = [], []
    for element_id, mine in by_element.items():
        name = mine[0].collection
        index = state.index(name, element_id)
        old = state.collections[name][index]
        data = drop(dump_element(old), [r.path for r in mine])
        try:
            new = COLLECTIONS[name].model_validate(data)
        except ValidationError:
            fields = ", ".join(r.field for r in mine)
            problems.append(
                problem(
                    change,
                    ("drop_references",),
                    f"{name} '{element_id}' cannot do without its reference in {fields}{_where(state, mine[0])}; "
                    "remove or change that element first",
                )
            )
            continue
        changed.append((name, index, old))
        state.put(name, index, new)
    if problems:
        raise Failed(problems)
    return changed


def _apply_remove(state: State, change: Change, name: str, index: int) -> list[Change]:
    items = state.collections[name]
    old = items[index]
    refs = references(state.dumps_naming(change.target), change.target)
    if refs and not change.drop_references:
        raise Failed(
            [
                problem(
                    change,
                    ("remove",),
                    f"'{change.target}' is still referred to by {_referrer_text(state, ref)}; change that first, "
                    "or give 'drop_references: true' to drop the references with the element",
                )
                for ref in refs
            ]
        )
    restored = [
        change.undone_by(
            "replace",
            ref_old.id,
            element=dump_element(ref_old),
            origin=state.origins.get(ref_old.id),
        )
        for _name, _index, ref_old in _drop_references(state, change, refs)
    ]
    old_origin = state.origins.get(change.target)
    state.delete(name, index)
    del state.where[change.target]
    state.origins.pop(change.target, None)
    neighbour = {"after": items[index - 1].id} if index > 0 else ({"before": items[0].id} if items else {})
    readd = change.undone_by(
        "add",
        change.target,
        collection=name,
        element=dump_element(old),
        origin=old_origin,
        **neighbour,
    )
    return [readd, *restored]


def _apply_replace(state: State, change: Change, name: str, index: int) -> Change:
    if not isinstance(change.element, dict):
        raise fail(change, ("element",), "'element' is a mapping: the whole new element")
    element = validate_element(COLLECTIONS[name], change.element, change, ("element",), name)
    if element.id != change.target:
        raise fail(
            change,
            ("element", "id"),
            f"the new element's id is '{element.id}'; 'replace' keeps the id '{change.target}' (to rename, remove and add)",
        )
    items = state.collections[name]
    old = items[index]
    old_origin = state.origins.get(change.target)
    state.put(name, index, element)
    state.origins[change.target] = _origin_of(change)
    return change.undone_by(
        "replace",
        change.target,
        element=dump_element(old),
        origin=old_origin,
    )


def _apply_set(state: State, change: Change, name: str, index: int) -> Change:
    path = change.path
    if path[0] == "id":
        raise fail(change, ("field",), "'set' cannot change an id; remove the element and add it again")
    old = state.collections[name][index]
    data = dump_element(old)
    container, last, previous = locate_field(change, data, name)
    value = list_items(change, previous) if change.items else copy.deepcopy(change.value)
    container[last] = value
    where = (("append",) if change.append else ("remove",)) if change.items else ("value",)
    state.put(name, index, validate_element(COLLECTIONS[name], data, change, where, name))
    field_, before = change.field, copy.deepcopy(previous)
    if previous is MISSING:
        field_ = ".".join(str(p) for p in path[:-1])
        before = dump_element(old)
        for step in path[:-1]:
            before = before[step]
    return change.undone_by(
        "set",
        change.target,
        field=field_,
        value=before,
    )


def _apply_one(state: State, change: Change) -> list[Change]:
    """Apply one change to the state; return what undoes it (in the order to apply). Raises Failed."""
    if change.op == "add":
        return [_apply_add(state, change)]
    if change.target not in state.where:
        raise Failed([_unknown(state, change, change.op)])
    name = state.where[change.target]
    index = state.index(name, change.target)
    if change.op == "remove":
        return _apply_remove(state, change, name, index)
    if change.op == "replace":
        return [_apply_replace(state, change, name, index)]
    return [_apply_set(state, change, name, index)]


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


def _run(model: Model, changes: list[Change]) -> tuple[State, list[Change], list[Problem]]:
    state = State(model, frozenset(c.target for c in changes if c.op == "remove"))
    inverses: list[Change] = []
    problems: list[Problem] = []
    for change in changes:
        try:
            inverses.extend(reversed(_apply_one(state, change)))
        except Failed as exc:
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


@without_gc
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
    final = recheck(model, changed)
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
