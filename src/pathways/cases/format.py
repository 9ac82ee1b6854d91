"""The case format: a fictional patient and the dated events of their journey.

A case file (``model/cases/*.yaml``) holds one case::

    id: fall-utskrivning-fredag
    label: {sv: Utskrivning en fredag, en: Discharge on a Friday}
    profile: {alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven,
              diagnos: somatisk, social: nej}
    note: Fiktiv patient.
    events:
      - {date: 2026-03-02, event: inskrivning, at: vardavdelning}
      - {date: 2026-03-06, event: utskrivning, at: ho-utskrivning-kommunal-rehab}

``profile`` gives one value for every dimension of the model; each event names a model
event and where it happens: a unit, a handover (then the event must be the handover's
trigger) or a SIP point. The cross checks against the model are in
:mod:`pathways.cases.load`; docs/cases-and-scenarios.md describes the format for users.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, Field, PrivateAttr

from pathways.model.model import Origin
from pathways.model.schema import Id, Label, Strict, Text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: object) -> date:
    """A date written YYYY-MM-DD (text or a date), with a clear error otherwise.

    >>> parse_date("2026-03-06")
    datetime.date(2026, 3, 6)
    >>> parse_date("2026-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2026-02-30' is not a date: day is out of range for month
    """
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise ValueError(f"'{value}' is not a date; write it YYYY-MM-DD, for example 2026-03-06")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a date: {exc}") from None


CaseDate = Annotated[date, BeforeValidator(parse_date)]


class CaseEvent(Strict):
    """One dated event of the journey."""

    date: CaseDate = Field(description="YYYY-MM-DD.")
    event: Id = Field(description="An event of the model (inskrivning, utskrivning, remiss, ...).")
    at: Id = Field(description="Where it happens: a unit, a handover or a SIP point.")
    ends: bool | None = Field(
        None,
        description=(
            "Whether the contact with the unit (for a handover: the sender) ends with this event. "
            "Omitted: it ends when the event closes a time window in the model (utskrivning, avslut)."
        ),
    )
    note: Text | None = None


ProfileValues = dict[Id, Id | list[Id]]
"""A value for each dimension; a list where the dimension allows several (``multiple: true``)."""


def as_lists(profile: ProfileValues) -> dict[str, list[str]]:
    """Every dimension's value(s) as a list.

    >>> as_lists({"alder": "vuxen", "diagnos": ["npf", "psykiatrisk"]})
    {'alder': ['vuxen'], 'diagnos': ['npf', 'psykiatrisk']}
    """
    return {d: list(v) if isinstance(v, list) else [v] for d, v in profile.items()}


class ProfileChange(Strict):
    """From ``date`` on, the dimensions given take these values (the others stay)."""

    date: CaseDate = Field(description="YYYY-MM-DD: the first day of the new values.")
    profile: ProfileValues = Field(min_length=1, description="The dimensions that change, with their new value(s).")
    note: Text | None = None


class Case(Strict):
    """A fictional patient: a profile and a dated journey."""

    id: Id
    label: Label
    profile: ProfileValues = Field(
        description="One value for every profile dimension of the model (a list where the dimension allows several)."
    )
    changes: list[ProfileChange] = Field(
        default_factory=list, description="Dated changes of the profile, in date order (optional)."
    )
    note: Text | None = None
    needs: list[Id] = Field(
        default_factory=list,
        description="Needs the patient has all through the journey, owned or not (optional).",
    )
    grey_zones: list[Id] = Field(default_factory=list, description="Grey zones the case illustrates.")
    until: CaseDate | None = Field(None, description="Last day of the trace; default: a day after the last change.")
    events: list[CaseEvent] = Field(min_length=1)

    _origin: Origin | None = PrivateAttr(default=None)
    _event_index: list[int] | None = PrivateAttr(default=None)
    """Position in the file's event list of each event (when some could not be read)."""

    def profile_steps(self) -> list[tuple[date, dict[str, list[str]]]]:
        """The profile through the journey: (first day, values) from the first event, then each change."""
        current = as_lists(self.profile)
        start = min([self.events[0].date, *(c.date for c in self.changes)]) if self.events else date.min
        steps = [(start, current)]
        for change in self.changes:
            current = {**current, **as_lists(change.profile)}
            if steps[-1][0] == change.date:
                steps[-1] = (change.date, current)
            else:
                steps.append((change.date, current))
        return steps

    @property
    def origin(self) -> Origin:
        return self._origin or Origin("<case>", None)

    def with_origin(self, origin: Origin, event_index: list[int] | None = None) -> Case:
        self._origin = origin
        self._event_index = event_index
        return self

    def event_path(self, index: int) -> tuple:
        """The path of event ``index`` in the file (for positions)."""
        return ("events", self._event_index[index] if self._event_index else index)

    def as_dict(self) -> dict:
        """The case as plain data, in the file's layout (dates as text)."""
        data = self.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        data["events"] = [e.model_dump(mode="json", exclude_none=True) for e in self.events]
        if self.changes:
            data["changes"] = [c.model_dump(mode="json", exclude_none=True) for c in self.changes]
        return data


class CaseHead(Case):
    """A case whose events are read one by one (so each bad event is its own error)."""

    events: list = Field(min_length=1)
