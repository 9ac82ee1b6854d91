"""Read scenario files: the format, the source it cites; every problem with its line."""

from __future__ import annotations

from pathlib import Path

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
from pathways.model.pydantic_errors import validation_problems
from pathways.model.yamlio import PosDict
from pathways.scenarios.format import CHANGE_CLASSES, OPS, Change, Scenario, ScenarioHead

SCENARIOS_DIR = "scenarios"


def parse_scenario(doc: object, display: str, model: Model | None = None) -> tuple[Scenario | None, list[Problem]]:
    """A loaded document as a scenario, or its problems (``model``: check the cited source)."""
    if not isinstance(doc, PosDict):
        return None, [
            Problem(display, 1, 1, "", "a scenario file is a mapping: id, label, source, status, rationale, changes")
        ]
    sid = doc.get("id") if isinstance(doc.get("id"), str) else ""
    problems: list[Problem] = []
    try:
        head = ScenarioHead.model_validate(doc)
    except ValidationError as exc:
        return None, validation_problems(exc, ScenarioHead, doc, display, sid)
    if model is not None and model.kind_of.get(head.source.doc) != "sources":
        line, col = doc["source"].where("doc") if isinstance(doc["source"], PosDict) else doc.where("source")
        docs = [s.id for s in model.sources]
        problems.append(
            Problem(
                display,
                line,
                col,
                sid,
                f"'{head.source.doc}' is not a source of the model{suggest(head.source.doc, docs)}; sources: {', '.join(docs)}",
            )
        )
    changes: list[Change] = []
    raw = doc["changes"]
    for index, item in enumerate(raw):
        line, col = raw.where(index)
        if not isinstance(item, PosDict):
            problems.append(
                Problem(display, line, col, sid, "a change is a mapping: add/remove/replace/set with its fields")
            )
            continue
        ops = [op for op in OPS if op in item]
        if len(ops) != 1:
            what = "names none of" if not ops else f"names {' and '.join(ops)}; it must name one of"
            problems.append(Problem(display, line, col, sid, f"a change {what} add, remove, replace, set"))
            continue
        op = ops[0]
        cls = CHANGE_CLASSES[op]
        try:
            parsed = cls.model_validate(item)
        except ValidationError as exc:
            problems.extend(validation_problems(exc, cls, doc, display, sid, prefix=("changes", index)))
            continue
        element = plain(item["element"]) if "element" in item else None
        target = getattr(parsed, op)
        if op == "add":
            target = element.get("id") if isinstance(element.get("id"), str) else ""
        changes.append(
            Change(
                op=op,
                target=target,
                collection=parsed.add if op == "add" else None,
                element=element,
                field=parsed.field if op == "set" else None,
                value=plain(item["value"]) if op == "set" else None,
                after=getattr(parsed, "after", None),
                before=getattr(parsed, "before", None),
                note=parsed.note,
                file=display,
                line=line,
                col=col,
                node=item,
            )
        )
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
    if problems:
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
