"""What a trace returns: the days, the handovers and SIPs met, the gaps and the findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class HandoverStep:
    """A handover that happens in the journey, and what passes at it."""

    id: str
    date: dt.date
    event: str
    from_unit: str
    to_unit: str
    mode: str
    needs: list[str]
    passes: list[str]
    receiver_needs: list[str]
    missing: list[str]
    """What the receiver needs to act and the handover does not pass."""
    sender_until: dt.date
    receiver_from: dt.date
    days: str
    gate: str | None
    outside_profile: bool
    """The handover's profile does not include the patient's: the model has no such handover for them."""
    sip_points: list[str]
    routes: list[str] = field(default_factory=list)
    """The routes (vägar) this handover belongs to."""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["from"] = data.pop("from_unit")
        data["to"] = data.pop("to_unit")
        for key in ("date", "sender_until", "receiver_from"):
            data[key] = data[key].isoformat()
        return data


@dataclass
class SipStep:
    """A SIP the journey needs or holds: when it was called, held, and its deadline."""

    id: str
    date: dt.date | None
    """The day it was held (None: not held)."""
    held: bool
    at: str
    called_by: str
    role: str | None
    participants: list[str]
    passes: list[str]
    deadline: dt.date | None
    on_time: bool | None
    not_in_contact: list[str]
    """Participants the patient has no contact with on the day it is held."""
    in_contact_not_invited: list[str]
    """Units the patient has contact with that day that the SIP point does not list."""
    called: dt.date | None = None
    deadline_for: str = "meeting"
    """What the deadline is for: ``call`` (the notice to the SIP) or ``meeting``."""
    required: bool = True
    """The model asks for this SIP for the patient at a handover of the journey."""

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("date", "deadline", "called"):
            data[key] = _iso(data[key])
        return data


@dataclass
class Day:
    """One day of the journey: the row the timeline and the swimlane diagram draw."""

    date: dt.date
    working_day: bool
    unit: str | None
    """The unit holding the patient (the latest contact working in the day's setting)."""
    setting: str | None
    engaged: list[str]
    """Every unit the patient has contact with."""
    owners: dict[str, list[str]]
    """need -> units owning it that day (only needs active that day)."""
    via: dict[str, list[str]]
    """need -> the responsibility or handover that gives each owner, in the order of ``owners``."""
    uncovered: list[str]
    """Active needs with no owner: red days."""
    events: list[dict]
    handovers: list[str]
    """Handovers under way (from the trigger day until both sides have acted)."""
    sips: list[str]
    findings: list[str]
    """Findings of the gap rules met that day."""
    trace_findings: list[str] = field(default_factory=list)
    """Findings of the trace itself (a late route step, a SIP not held, ...) open that day."""
    profile: dict[str, list[str]] = field(default_factory=dict)
    """The patient's profile that day (cases may change it on a date)."""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["weekday"] = self.date.isoweekday()
        return data


@dataclass
class Gap:
    """A run of days on which an active need has no owner."""

    need: str
    start: dt.date
    end: dt.date
    days: int
    settings: list[str]
    cause: str
    """The handover the need was on its way through, or ``declared`` (listed in the case's needs)."""

    def as_dict(self) -> dict:
        data = asdict(self)
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        return data


@dataclass
class MetFinding:
    """A finding of the gap rules that the journey meets, and on which days."""

    id: str
    rule: str
    name: str
    severity: str
    message: dict[str, str]
    anchor: str
    days: list[dt.date]

    def as_dict(self) -> dict:
        data = asdict(self)
        data["days"] = [d.isoformat() for d in self.days]
        return data


TRACE_KINDS = {
    "handover-not-owned": "Överlämnat behov som mottagaren inte äger",
    "ended-without-handover": "Kontakten avslutad utan överlämningen som överenskommelsen beskriver",
    "referral-returned": "Remiss eller vårdbegäran skickad tillbaka: behoven väntar på en ägare",
    "route-step-late": "Steg i vägen inte gjort i tid",
    "sip-late": "SIP inte kallad eller hållen i tid",
    "sip-not-held": "SIP som krävs hölls aldrig",
}
"""The kinds of findings the trace makes itself, with their Swedish names."""


@dataclass
class TraceFinding:
    """A finding of the trace itself: something the journey does that the model says it must not."""

    id: str
    """``kind:element`` (for example ``route-step-late:steg-sip-3-dagar``)."""
    kind: str
    """One of :data:`TRACE_KINDS`."""
    element: str
    """The handover, route step or SIP point it is about."""
    message: dict[str, str]
    source: str | None
    """The source document (and section) the broken rule comes from."""
    days: list[dt.date]
    needs: list[str] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        kind: str,
        element: str,
        message: dict[str, str],
        source: str | None,
        days: list[dt.date],
        needs: list[str] | None = None,
    ) -> TraceFinding:
        """The finding ``kind`` about ``element``; its id is ``kind:element``."""
        return cls(f"{kind}:{element}", kind, element, message, source, days, list(needs or []))

    def as_dict(self) -> dict:
        data = asdict(self)
        data["days"] = [d.isoformat() for d in self.days]
        return data


@dataclass
class Trace:
    """A case traced through a model. ``as_dict()`` is plain data (JSON-ready)."""

    case: str
    label: dict[str, str]
    profile: dict[str, str]
    """The profile on the first day (several values of a dimension joined by ``+``)."""
    model: dict[str, str]
    calendar: bool
    start: dt.date
    end: dt.date
    days: list[Day]
    handovers: list[HandoverStep]
    sips: list[SipStep]
    gaps: list[Gap]
    findings: list[MetFinding]
    trace_findings: list[TraceFinding] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    """The routes (vägar) the journey takes."""
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def uncovered_days(self) -> int:
        return sum(1 for d in self.days if d.uncovered)

    def meets(self, finding_id: str) -> bool:
        return any(f.id == finding_id for f in self.findings)

    def as_dict(self) -> dict:
        return {
            "case": self.case,
            "label": self.label,
            "profile": self.profile,
            "model": self.model,
            "calendar": self.calendar,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "uncovered_days": self.uncovered_days,
            "routes": self.routes,
            "days": [d.as_dict() for d in self.days],
            "handovers": [h.as_dict() for h in self.handovers],
            "sips": [s.as_dict() for s in self.sips],
            "gaps": [g.as_dict() for g in self.gaps],
            "findings": [f.as_dict() for f in self.findings],
            "trace_findings": [f.as_dict() for f in self.trace_findings],
            "labels": self.labels,
        }
