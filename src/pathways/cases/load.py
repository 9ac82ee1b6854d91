"""Read case files and check them against a model; one problem per mistake, with its line."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from pathways.cases.events import check_events
from pathways.cases.format import Case, CaseEvent, CaseHead
from pathways.cases.yamlfile import (
    find_file,
    load_all,
    load_named,
    read_user_file,
    suggest,
    yaml_files,
)
from pathways.model.errors import ModelError, Problem
from pathways.model.model import Model, Origin
from pathways.model.positions import PosDict
from pathways.model.pydantic_errors import validation_problems

CASES_DIR = "cases"


def closing_events(model: Model) -> set[str]:
    """Events that close a time window ("until discharge", "until the contact ends").

    An event at a unit, or a handover triggered by it, ends the contact with that unit
    (the handover's sender) unless the case says ``ends: false``.
    """
    return {
        r.window.event
        for r in model.responsibilities
        if r.window is not None and r.window.start_day is None and r.window.end_day is not None
    }


def _check_profile(model: Model, profile: dict, path: tuple, add, complete: bool) -> None:
    """The values of a profile (or of a change): known dimensions, known values, lists only where allowed."""
    dims = {d.id: d for d in model.dimensions}
    for dim, value in profile.items():
        if dim not in dims:
            add(
                (*path, dim),
                f"unknown profile dimension '{dim}'{suggest(dim, list(dims)) or '; dimensions: ' + ', '.join(dims)}",
            )
            continue
        values = [v.id for v in dims[dim].values]
        given = value if isinstance(value, list) else [value]
        if isinstance(value, list) and not dims[dim].multiple:
            add((*path, dim), f"'{dim}' takes one value; give one of {', '.join(values)}, not a list")
        elif isinstance(value, list) and not value:
            add((*path, dim), f"'{dim}' needs at least one value; values: {', '.join(values)}")
        for v in given:
            if v not in values:
                add((*path, dim), f"'{v}' is not a value of '{dim}'; values: {', '.join(values)}")
    missing = [d for d in dims if d not in profile]
    if complete and missing:
        add(
            path,
            f"the profile gives no value for {', '.join(repr(d) for d in missing)}; "
            f"a case has a value for every dimension ({', '.join(dims)})",
        )


def _check_lists(model: Model, case: Case, add) -> None:
    for index, need in enumerate(case.needs):
        if model.kind_of.get(need) != "needs":
            add(("needs", index), f"'{need}' is not a need of the model{suggest(need, [n.id for n in model.needs])}")
    for index, gz in enumerate(case.grey_zones):
        if model.kind_of.get(gz) != "grey_zones":
            add(
                ("grey_zones", index),
                f"'{gz}' is not a grey zone of the model{suggest(gz, [g.id for g in model.grey_zones])}",
            )
    previous = None
    for index, change in enumerate(case.changes):
        _check_profile(model, change.profile, ("changes", index, "profile"), add, complete=False)
        if previous is not None and change.date < previous:
            add(("changes", index, "date"), f"changes out of order: {change.date} comes after {previous}")
        previous = change.date
    if case.until is not None and case.events and case.until < max(e.date for e in case.events):
        add(("until",), f"'until' ({case.until}) is before the last event ({max(e.date for e in case.events)})")


def check_case(model: Model, case: Case) -> list[Problem]:
    """Every problem of a case against a model: ids, profile, its changes, events and their order."""
    origin = case.origin
    problems: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        line, col = origin.where(*path)
        problems.append(Problem(origin.file, line, col, case.id, message))

    _check_profile(model, case.profile, ("profile",), add, complete=True)
    _check_lists(model, case, add)
    check_events(model, case, add)
    return problems


def parse_case(doc: object, display: str) -> tuple[Case | None, list[Problem]]:
    """A loaded document as a case, or the format problems."""
    if not isinstance(doc, PosDict):
        return None, [Problem(display, 1, 1, "", "a case file is a mapping: id, label, profile, note, events")]
    raw_id = doc.get("id")
    case_id = raw_id if isinstance(raw_id, str) else ""
    problems: list[Problem] = []
    events, kept = [], []
    raw = doc.get("events")
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            try:
                events.append(CaseEvent.model_validate(item))
                kept.append(index)
            except ValidationError as exc:
                problems += validation_problems(exc, CaseEvent, doc, display, case_id, prefix=("events", index))
    try:
        head = CaseHead.model_validate(doc)
    except ValidationError as exc:
        problems += validation_problems(exc, CaseHead, doc, display, case_id)
        return None, problems
    if not events or not isinstance(raw, list):
        return None, problems
    data = {name: getattr(head, name) for name in Case.model_fields if name != "events"}
    case = Case.model_validate({**data, "events": events})
    return case.with_origin(Origin(display, doc), kept if len(kept) != len(raw) else None), problems


def read_case(path: str | Path, display: str | None = None) -> Case:
    """Read one case file without checking it against a model; ModelError lists the format problems."""
    path = Path(path)
    name = display or str(path)
    doc, problems = read_user_file(path, name)
    if doc is None:
        raise ModelError([*problems, Problem(name, 1, 1, "", "the case file is empty")])
    case, format_problems = parse_case(doc, name)
    if problems or format_problems or case is None:
        raise ModelError([*problems, *format_problems])
    return case


def load_case(path: str | Path, model: Model, display: str | None = None) -> Case:
    """Read one case file and check it against the model; ModelError lists every problem."""
    path = Path(path)
    name = display or str(path)
    doc, problems = read_user_file(path, name)
    if doc is None:
        raise ModelError([*problems, Problem(name, 1, 1, "", "the case file is empty")])
    case, format_problems = parse_case(doc, name)
    problems += format_problems
    if case is not None:
        problems += check_case(model, case)
    if problems or case is None:
        raise ModelError(problems)
    return case


def case_files(directory: str | Path) -> list[Path]:
    return yaml_files(directory)


def load_cases(directory: str | Path, model: Model) -> list[Case]:
    """Every case file of a folder (``model/cases``), checked; ModelError lists every problem."""
    return load_all(
        case_files(directory), lambda p: load_case(p, model), lambda c: (c.id, *c.origin.where("id")), "case"
    )


def find_case_file(ref: str, model_dir: str | Path) -> Path | None:
    """A case file: ``ref`` itself when it is a file, else the bundled case with that id."""
    return find_file(ref, case_files(Path(model_dir) / CASES_DIR))


def load_case_refs(refs: list[str] | None, model_dir: str | Path, model: Model) -> list[Case]:
    """The cases ``refs`` name (files or ids of bundled cases); every bundled case when empty."""
    directory = Path(model_dir) / CASES_DIR
    return load_named(refs, case_files(directory), lambda p: load_case(p, model), "case", directory)
