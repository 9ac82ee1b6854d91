"""Read scenario files: the format, the source it cites; every problem with its line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pathways.cases.yamlfile import (
    find_file,
    load_all,
    load_named,
    plain,
    read_user_file,
    suggest,
    yaml_files,
)
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model
from pathways.model.positions import PosDict
from pathways.model.pydantic_errors import validation_problems
from pathways.scenarios.format import (
    CHANGE_CLASSES,
    OPS,
    AddChange,
    Change,
    RemoveChange,
    Scenario,
    ScenarioHead,
    SetChange,
)

SCENARIOS_DIR = "scenarios"


def _source_problem(doc: PosDict, head: ScenarioHead, display: str, sid: str, model: Model) -> Problem | None:
    """The cited source must be a source of the model."""
    if model.kind_of.get(head.source.doc) == "sources":
        return None
    source = doc["source"]
    line, col = source.where("doc") if isinstance(source, PosDict) else doc.where("source")
    docs = [s.id for s in model.sources]
    return Problem(
        display,
        line,
        col,
        sid,
        f"'{head.source.doc}' is not a source of the model{suggest(head.source.doc, docs)}; sources: {', '.join(docs)}",
    )


def _ops(item: PosDict) -> list[str]:
    """The operations a change names; ``remove`` beside ``set`` is the list items ``set`` takes out."""
    return [op for op in OPS if op in item and not (op == "remove" and "set" in item)]


def _change(item: PosDict, op: str, parsed: Any, display: str, line: int, col: int) -> Change:
    element = plain(item["element"]) if "element" in item else None
    target = getattr(parsed, op)
    if op == "add":
        target = element.get("id") if isinstance(element, dict) and isinstance(element.get("id"), str) else ""
    is_set = isinstance(parsed, SetChange)
    return Change(
        op=op,
        target=target,
        collection=parsed.add if isinstance(parsed, AddChange) else None,
        element=element if isinstance(element, dict) else None,
        field=parsed.field if is_set else None,
        value=plain(item["value"]) if is_set and "value" in item else None,
        append=tuple(plain(x) for x in parsed.append) if is_set and parsed.append is not None else None,
        remove_items=tuple(plain(x) for x in parsed.remove) if is_set and parsed.remove is not None else None,
        drop_references=isinstance(parsed, RemoveChange) and parsed.drop_references,
        after=getattr(parsed, "after", None),
        before=getattr(parsed, "before", None),
        note=parsed.note,
        file=display,
        line=line,
        col=col,
        node=item,
    )


def _changes(doc: PosDict, display: str, sid: str) -> tuple[list[Change], list[Problem]]:
    changes: list[Change] = []
    problems: list[Problem] = []
    raw = doc["changes"]
    for index, item in enumerate(raw):
        line, col = raw.where(index)
        if not isinstance(item, PosDict):
            problems.append(
                Problem(display, line, col, sid, "a change is a mapping: add/remove/replace/set with its fields")
            )
            continue
        ops = _ops(item)
        if len(ops) != 1:
            what = "names none of" if not ops else f"names {' and '.join(ops)}; it must name one of"
            problems.append(Problem(display, line, col, sid, f"a change {what} add, remove, replace, set"))
            continue
        cls = CHANGE_CLASSES[ops[0]]
        try:
            parsed = cls.model_validate(item)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, cls, doc, display, sid, prefix=("changes", index)))
            continue
        changes.append(_change(item, ops[0], parsed, display, line, col))
    return changes, problems


def parse_scenario(doc: object, display: str, model: Model | None = None) -> tuple[Scenario | None, list[Problem]]:
    """A loaded document as a scenario, or its problems (``model``: check the cited source)."""
    if not isinstance(doc, PosDict):
        return None, [
            Problem(display, 1, 1, "", "a scenario file is a mapping: id, label, source, status, rationale, changes")
        ]
    raw_id = doc.get("id")
    sid = raw_id if isinstance(raw_id, str) else ""
    try:
        head = ScenarioHead.model_validate(doc)
    except ValidationError as exc:
        return None, validation_problems(exc, ScenarioHead, doc, display, sid)
    source_problem = _source_problem(doc, head, display, sid, model) if model is not None else None
    changes, problems = _changes(doc, display, sid)
    if source_problem is not None:
        problems.insert(0, source_problem)
    if problems:
        return None, problems
    line, col = doc.start
    return Scenario(
        id=head.id,
        label={"sv": head.label.sv, "en": head.label.en},
        source=head.source.model_dump(exclude_none=True),
        status=head.status,
        rationale=head.rationale,
        note=head.note,
        changes=tuple(changes),
        file=display,
        line=line,
        col=col,
    ), []


def load_scenario(path: str | Path, model: Model | None = None, display: str | None = None) -> Scenario:
    """Read one scenario file; ModelError lists every problem with its line."""
    path = Path(path)
    name = display or str(path)
    doc, problems = read_user_file(path, name)
    if doc is None:
        raise ModelError([*problems, Problem(name, 1, 1, "", "the scenario file is empty")])
    scenario, more = parse_scenario(doc, name, model)
    problems += more
    if problems or scenario is None:
        raise ModelError(problems)
    return scenario


def scenario_files(directory: str | Path) -> list[Path]:
    return yaml_files(directory)


def load_scenarios(directory: str | Path, model: Model | None = None) -> list[Scenario]:
    """Every scenario file of a folder (``model/scenarios``), in name order."""
    return load_all(
        scenario_files(directory), lambda p: load_scenario(p, model), lambda s: (s.id, s.line, s.col), "scenario"
    )


def find_scenario_file(ref: str, model_dir: str | Path) -> Path | None:
    """A scenario file: ``ref`` itself when it is a file, else the bundled scenario with that id."""
    return find_file(ref, scenario_files(Path(model_dir) / SCENARIOS_DIR))


def load_scenario_refs(refs: list[str] | None, model_dir: str | Path, model: Model) -> list[Scenario]:
    """The scenarios ``refs`` name (files or ids of bundled ones); every bundled scenario when empty."""
    directory = Path(model_dir) / SCENARIOS_DIR
    return load_named(refs, scenario_files(directory), lambda p: load_scenario(p, model), "scenario", directory)
