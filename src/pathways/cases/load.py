"""Read case files and check them against a model; one problem per mistake, with its line."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

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
from pathways.model.pydantic_errors import validation_problems
from pathways.model.yamlio import PosDict

CASES_DIR = "cases"

_WHERE_KINDS = ("units", "handovers", "sip_points")


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


def check_case(model: Model, case: Case) -> list[Problem]:
    """Every problem of a case against a model: ids, profile, order of events, handovers."""
    origin = case.origin
    problems: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        line, col = origin.where(*path)
        problems.append(Problem(origin.file, line, col, case.id, message))

    dims = {d.id: [v.id for v in d.values] for d in model.dimensions}
    for dim, value in case.profile.items():
        if dim not in dims:
            add(
                ("profile", dim),
                f"unknown profile dimension '{dim}'{suggest(dim, list(dims)) or '; dimensions: ' + ', '.join(dims)}",
            )
        elif value not in dims[dim]:
            add(("profile", dim), f"'{value}' is not a value of '{dim}'; values: {', '.join(dims[dim])}")
    missing = [d for d in dims if d not in case.profile]
    if missing:
        add(
            ("profile",),
            f"the profile gives no value for {', '.join(repr(d) for d in missing)}; "
            f"a case has one value for every dimension ({', '.join(dims)})",
        )
    for index, need in enumerate(case.needs):
        if model.kind_of.get(need) != "needs":
            add(("needs", index), f"'{need}' is not a need of the model{suggest(need, [n.id for n in model.needs])}")
    for index, gz in enumerate(case.grey_zones):
        if model.kind_of.get(gz) != "grey_zones":
            add(
                ("grey_zones", index),
                f"'{gz}' is not a grey zone of the model{suggest(gz, [g.id for g in model.grey_zones])}",
            )

    events = {e.id for e in model.events}
    contacted: set[str] = set()
    previous = None
    for index, ev in enumerate(case.events):
        here = case.event_path(index)
        if previous is not None and ev.date < previous.date:
            add(
                (*here, "date"),
                f"events out of order: {ev.date} comes after {previous.date}; list the events in date order",
            )
        previous = ev
        if ev.event not in events:
            add(
                (*here, "event"),
                f"'{ev.event}' is not an event of the model{suggest(ev.event, sorted(events))}; events: {', '.join(e.id for e in model.events)}",
            )
        kind = model.kind_of.get(ev.at)
        if kind not in _WHERE_KINDS:
            pool = [x.id for k in _WHERE_KINDS for x in model.collections[k]]
            what = "is not defined" if kind is None else f"is a {kind[:-1].replace('_', ' ')}"
            add(
                (*here, "at"),
                f"'{ev.at}' {what}; an event happens at a unit, a handover or a SIP point{suggest(ev.at, pool)}",
            )
            continue
        element = model.by_id[ev.at]
        if kind == "units":
            contacted.add(ev.at)
        elif kind == "handovers":
            if ev.event in events and ev.event != element.trigger:
                add(
                    (*here, "event"), f"the handover '{ev.at}' is triggered by '{element.trigger}', not by '{ev.event}'"
                )
            sender = model.get(element.from_)
            if element.from_ not in contacted and not getattr(sender, "entry", False):
                add(
                    (*here, "at"),
                    f"the handover '{ev.at}' starts at '{element.from_}', but the patient has had no contact "
                    f"with '{element.from_}' before {ev.date}; add the event that brings the patient there first",
                )
            contacted.update((element.from_, element.to))
        else:
            contacted.update(element.participants)
    if case.until is not None and case.events and case.until < max(e.date for e in case.events):
        add(("until",), f"'until' ({case.until}) is before the last event ({max(e.date for e in case.events)})")
    return problems


def parse_case(doc: object, display: str) -> tuple[Case | None, list[Problem]]:
    """A loaded document as a case, or the format problems."""
    if not isinstance(doc, PosDict):
        return None, [Problem(display, 1, 1, "", "a case file is a mapping: id, label, profile, note, events")]
    case_id = doc.get("id") if isinstance(doc.get("id"), str) else ""
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
    if not events:
        return None, problems
    data = {name: getattr(head, name) for name in Case.model_fields if name != "events"}
    case = Case.model_validate({**data, "events": events})
    return case.with_origin(Origin(display, doc), kept if len(kept) != len(raw) else None), problems


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
    if problems:
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
