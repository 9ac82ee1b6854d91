"""The rules an event of a case must keep: where it may happen and what must come before it.

Each event of the model may declare (``model/events.yaml``):

- ``at``: the kinds of place a case may put it at (``units``, ``handovers``, ``sip_points``);
- ``unit_kinds``: at a unit, the kinds of unit (an admission happens at a ward);
- ``requires``: events one of which must come before it, on or before its day
  (a discharge needs an admission, a SIP meeting needs the call).

Beyond what the model declares, a case's events keep these rules:

- they are listed in date order, each names an event of the model and a unit, a handover
  or a SIP point;
- at a handover the event is the handover's trigger, and the patient has had contact with
  the sender before (unless the sender is an entry point);
- at a SIP point only the call (``sip-kallad``) and the meeting (``sip-mote``) happen; the
  patient has had contact with the sender of the SIP point's handover by that day, and the SIP point's profile
  fits the patient's profile on that day.
"""

from __future__ import annotations

from collections.abc import Callable

from pathways.cases.format import Case, CaseEvent
from pathways.cases.yamlfile import suggest
from pathways.model.model import Model

SIP_EVENTS = ("sip-kallad", "sip-mote")
_WHERE_KINDS = ("units", "handovers", "sip_points")
_KIND_NAMES = {"units": "a unit", "handovers": "a handover", "sip_points": "a SIP point"}

Add = Callable[[tuple, str], None]


def _fits(cube: dict[str, list[str]], profile: dict[str, list[str]]) -> bool:
    return all(set(values) & set(profile.get(dim, values)) for dim, values in cube.items())


def _profile_on(case: Case, day) -> dict[str, list[str]]:
    current = case.profile_steps()[0][1]
    for start, values in case.profile_steps():
        if start <= day:
            current = values
    return current


def _place(model: Model, ev: CaseEvent, here: tuple, add: Add) -> str | None:
    """The kind of place the event is at, or None (with a problem) when it is no place."""
    kind = model.kind_of.get(ev.at)
    if kind in _WHERE_KINDS:
        return kind
    pool = [i for i, k in model.kind_of.items() if k in _WHERE_KINDS]
    what = "is not defined" if kind is None else f"is a {kind[:-1].replace('_', ' ')}"
    add((*here, "at"), f"'{ev.at}' {what}; an event happens at a unit, a handover or a SIP point{suggest(ev.at, pool)}")
    return None


def _declared(model: Model, ev: CaseEvent, kind: str, seen: set[str], here: tuple, add: Add) -> None:
    """What the model's event declares: its places, unit kinds and the events before it."""
    event = model.by_id[ev.event]
    if event.at and kind not in event.at and kind != "sip_points":
        places = " or ".join(_KIND_NAMES[k] for k in event.at)
        add((*here, "at"), f"'{ev.event}' happens at {places}, not at {_KIND_NAMES[kind]} ('{ev.at}')")
    if kind == "units" and event.unit_kinds:
        unit_kind = model.by_id[ev.at].kind
        if unit_kind not in event.unit_kinds:
            add(
                (*here, "at"),
                f"'{ev.event}' happens at a unit of kind {', '.join(event.unit_kinds)}; '{ev.at}' is {unit_kind}",
            )
    if event.requires and not seen & set(event.requires):
        add(
            (*here, "event"),
            f"'{ev.event}' needs {' or '.join(repr(r) for r in event.requires)} before it; "
            "add that event first (on or before this day)",
        )


def _at_handover(model: Model, ev: CaseEvent, contacted: set[str], here: tuple, add: Add) -> None:
    h = model.by_id[ev.at]
    if ev.event != h.trigger:
        add((*here, "event"), f"the handover '{ev.at}' is triggered by '{h.trigger}', not by '{ev.event}'")
    sender = model.get(h.from_)
    if h.from_ not in contacted and not getattr(sender, "entry", False):
        add(
            (*here, "at"),
            f"the handover '{ev.at}' starts at '{h.from_}', but the patient has had no contact "
            f"with '{h.from_}' before {ev.date}; add the event that brings the patient there first",
        )
    contacted.update((h.from_, h.to))


def _at_sip(model: Model, case: Case, ev: CaseEvent, seen: tuple[set[str], set[str]], here: tuple, add: Add) -> None:
    s = model.by_id[ev.at]
    happened, contacted = seen
    if ev.event not in SIP_EVENTS:
        add((*here, "event"), f"at the SIP point '{ev.at}' only {' and '.join(SIP_EVENTS)} happen, not '{ev.event}'")
    handover = model.by_id[s.at] if model.kind_of.get(s.at) == "handovers" else None
    if handover is not None and s.at not in happened and handover.from_ not in contacted:
        add(
            (*here, "at"),
            f"the SIP point '{ev.at}' belongs to the handover '{s.at}', but the patient has had no contact with "
            f"'{handover.from_}' by {ev.date}; a SIP is planned once the patient is with the sender",
        )
    if not _fits(s.profile, _profile_on(case, ev.date)):
        wanted = ", ".join(f"{d}: {'/'.join(v)}" for d, v in s.profile.items())
        add(
            (*here, "at"), f"the SIP point '{ev.at}' is for patients with {wanted}; this patient's profile does not fit"
        )


def check_events(model: Model, case: Case, add: Add) -> None:
    """Every event-kind rule of the module's description, each broken one a problem at its line."""
    events = {e.id for e in model.events}
    contacted: set[str] = set()
    seen: set[str] = set()
    happened: set[str] = set()
    previous = None
    for index, ev in enumerate(case.events):
        here = case.event_path(index)
        if previous is not None and ev.date < previous.date:
            add(
                (*here, "date"),
                f"events out of order: {ev.date} comes after {previous.date}; list the events in date order",
            )
        previous = ev
        known = ev.event in events
        if not known:
            add(
                (*here, "event"),
                f"'{ev.event}' is not an event of the model{suggest(ev.event, sorted(events))}; "
                f"events: {', '.join(e.id for e in model.events)}",
            )
        kind = _place(model, ev, here, add)
        if kind is not None and known:
            _declared(model, ev, kind, seen, here, add)
        if kind == "units":
            contacted.add(ev.at)
        elif kind == "handovers" and known:
            _at_handover(model, ev, contacted, here, add)
            happened.add(ev.at)
        elif kind == "sip_points":
            _at_sip(model, case, ev, (happened, contacted), here, add)
            contacted.update(model.by_id[ev.at].participants)
        seen.add(ev.event)
