"""The model's element kinds, as pydantic classes.

This module is the single definition of the model format: the loader validates the
YAML files against it, ``pathways schema`` writes its JSON Schema for editors, and
``docs/model-format.md`` describes it field by field.

Every element has an ``id``, a Swedish and English ``label``, a ``source`` and a
``status``. Cross references between elements are plain id strings; the loader
checks them (``pathways.model.validate``) because pydantic checks one element at a time.
"""

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from pathways.model.enums import (
    Closed,
    DayUnit,
    DocKind,
    EventPlace,
    Item,
    Mode,
    NeedCategory,
    PrincipalKind,
    Status,
    UnitKind,
)

Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, pattern=r"^\S(.*\S)?$"),
    Field(description="An element id: unique in the model, no leading or trailing space."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]


def _no_items() -> list:
    """The default of a list field. A function, not ``list``: pydantic reads each default
    factory's signature, and a builtin's costs it a parse of its text signature (issue 15:
    a third of building the model's validator, which every command that reads a model does)."""
    return []


def _no_entries() -> dict:
    """The default of a mapping field (a function, not ``dict``: see :func:`_no_items`)."""
    return {}


class Strict(BaseModel):
    """Base for every part of the model: unknown fields are errors, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True, defer_build=True)


class Label(Strict):
    sv: Text = Field(description="Svensk benämning (visas som standard).")
    en: Text = Field(description="English label (shown with --lang en).")


class Source(Strict):
    doc: Id = Field(description="Id of an entry in `sources` (a seed, a statute, a peer region's document).")
    section: Text | None = Field(None, description="Section, page or slide in that document.")
    quote: Text | None = Field(None, description="A short quote from the source, in its language.")


class Identified(Strict):
    """Base of what a model file lists: every such element has an id."""

    id: Id


class Element(Identified):
    label: Label
    source: Source
    status: Annotated[Status, Closed]
    note: Text | None = Field(None, description="Free text; required when status is `assumption`.")
    grey_zones: list[Id] = Field(default_factory=_no_items, description="Ids of `grey_zones` this element expresses.")


class SourceDoc(Identified):
    """A document the model cites: a seed, a statute, a peer region's agreement."""

    kind: Annotated[DocKind, Closed]
    title: Text
    ref: Text = Field(description="Where to find it: a seed file name, an SFS number, a document number.")


class Meta(Strict):
    """The model's name, version and date; shown on every diagram and report."""

    id: Id
    label: Label
    version: Text
    date: Text = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    county: Id = Field(description="The county (län) the model describes.")
    source: Source

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a date in the calendar (YYYY-MM-DD)") from None
        return value


class Principal(Element):
    """A huvudman: a region or a municipality."""

    kind: Annotated[PrincipalKind, Closed]
    county: Id


class PrincipalGroup(Element):
    """Several principals that the agreement treats alike ("each municipality").

    A unit whose principal is a group stands for one such unit in each member.
    """

    members: list[Id] = Field(min_length=1)


class CareLevel(Element):
    """A vårdnivå: specialised care, regional primary care, municipal primary care, ..."""

    principal_kind: Annotated[PrincipalKind, Closed]
    parent: Id | None = None


class Unit(Element):
    """A unit (verksamhet) of a principal at a care level."""

    kind: Annotated[UnitKind, Closed]
    principal: Id = Field(description="A principal or a principal group.")
    care_level: Id | None = Field(
        None, description="Omitted only for social services and the device centre, which serve every level."
    )
    settings: list[Id] = Field(min_length=1, description="Settings where the unit meets patients.")
    entry: bool = Field(False, description="A patient can enter the care system here without a handover.")


class Role(Element):
    """A profession or function (arbetsterapeut, samordningssjuksköterska, ...)."""

    principal_kind: Annotated[PrincipalKind, Closed] | None = None


class Need(Element):
    """Something a pathway must own: an ICF component, a step of the rehab or device process."""

    category: Annotated[NeedCategory, Closed]
    order: int | None = Field(None, ge=0, description="Position in its process (device steps, rehab steps).")
    after: list[Id] = Field(default_factory=_no_items, description="Needs that must come before this one.")
    applies_to: dict[Id, list[Id]] = Field(
        default_factory=_no_entries, description="Profiles for which the need exists; empty means every profile."
    )
    settings: list[Id] = Field(
        default_factory=_no_items, description="Settings where the need must have an owner; empty means every setting."
    )
    manual: bool = Field(False, description="A manual step, done by hand (for example BMB).")


class DimensionValue(Strict):
    id: Id
    label: Label


class Dimension(Element):
    """A patient-profile dimension that decides who is responsible (age band, housing, ...)."""

    values: list[DimensionValue] = Field(min_length=2)
    multiple: bool = Field(
        False, description="A patient can have several values at once (diagnoses); cases may then give a list."
    )


class Setting(Element):
    """Where care happens (inpatient, clinic, home); `profile` says who can be there."""

    profile: dict[Id, list[Id]] = Field(default_factory=_no_entries)


class Event(Element):
    """A dated event of a journey (admission, ready for discharge, discharge, ...)."""

    at: list[Annotated[EventPlace, Closed]] = Field(
        default_factory=_no_items,
        description="Where a case may place the event: units, handovers, sip_points. Empty: anywhere.",
    )
    unit_kinds: list[Annotated[UnitKind, Closed]] = Field(
        default_factory=_no_items, description="At a unit: the unit kinds it may happen at. Empty: any unit."
    )
    requires: list[Id] = Field(
        default_factory=_no_items,
        description="Events one of which must come before it (on or before its day) in the journey.",
    )
    returns: bool = Field(
        False,
        description="At a unit: the unit sends back the referral or care request that brought the patient; "
        "its contact ends, the handover's sender (or its `on_reject.to`) has the patient again and the passed "
        "needs wait for an owner.",
    )


class Window(Strict):
    """A time window in days relative to an event; day 0 is the event's day."""

    event: Id
    start_day: int | None = Field(None, ge=-365, le=3650, description="Omitted: open start (before the event).")
    end_day: int | None = Field(None, ge=-365, le=3650, description="Omitted: open-ended.")
    days: Annotated[DayUnit, Closed] = Field(DayUnit.calendar, description="Calendar days or working days.")


class Responsibility(Element):
    """A unit owns a need for some profiles, in some settings, in an optional time window."""

    needs: list[Id] = Field(min_length=1, description="The needs the owner takes on.")
    owner: Id = Field(description="The unit that owns the needs.")
    profile: dict[Id, list[Id]] = Field(default_factory=_no_entries, description="Empty: every profile.")
    settings: list[Id] = Field(default_factory=_no_items, description="Empty: every setting the owner works in.")
    window: Window | None = None
    payer: Id | None = Field(None, description="Unit or principal that pays, where it differs from the owner.")
    cost_rule: Id | None = Field(None, description="The cost rule (bilaga 1) that says so.")


class CostRule(Element):
    """A rule of the agreement's cost annex: who pays for what."""

    needs: list[Id] = Field(min_length=1)
    payer: Id
    text: Text


class CoordinationRule(Element):
    """A rule that says how two or more owners of the same need work together."""

    needs: list[Id] = Field(min_length=1)
    owners: list[Id] = Field(min_length=2)
    profile: dict[Id, list[Id]] = Field(default_factory=_no_entries, description="Empty: every profile.")
    text: Text


class Gate(Strict):
    """The receiver's acceptance gate: who decides, on what grounds."""

    by: Id = Field(description="Role that decides.")
    criteria: Text


class Reject(Strict):
    """What happens when the receiver says no."""

    to: Id | None = Field(None, description="Unit that takes the patient instead.")
    escalation: Id | None = Field(None, description="Escalation path for the disagreement.")


class Handover(Element):
    """The patient, or a need, passes from one unit to another."""

    from_: Id = Field(alias="from")
    to: Id
    trigger: Id = Field(description="Event that starts the handover.")
    mode: Annotated[Mode, Closed]
    needs: list[Id] = Field(default_factory=_no_items, description="Needs whose ownership passes.")
    passes: list[Annotated[Item, Closed]] = Field(default_factory=_no_items)
    receiver_needs: list[Annotated[Item, Closed]] = Field(
        default_factory=_no_items, description="What the receiver needs to act."
    )
    profile: dict[Id, list[Id]] = Field(default_factory=_no_entries)
    gate: Gate | None = None
    on_reject: Reject | None = None
    crosses: list[Id] = Field(default_factory=_no_items, description="Boundaries this handover covers.")
    sender_until: int = Field(0, ge=0, le=3650, description="Days after the trigger the sender keeps the needs.")
    receiver_from: int = Field(0, ge=0, le=3650, description="Days after the trigger the receiver takes them on.")
    days: Annotated[DayUnit, Closed] = Field(
        DayUnit.calendar, description="Whether the two counts are calendar or working days."
    )

    model_config = ConfigDict(populate_by_name=True)


class RouteStep(Strict):
    """A step of a route with its time limit (the coordinated-discharge steps of Lag 2017:612)."""

    id: Id
    label: Label
    actor: Id = Field(description="Role or unit that does the step.")
    after: Id = Field(description="Event the time limit counts from.")
    within_hours: int | None = Field(None, ge=0)
    within_days: int | None = Field(None, ge=0)
    done_by: Id | None = Field(
        None, description="The event that shows the step was done; the trace checks its time limit against it."
    )
    not_before: Id | None = Field(
        None,
        description="The step may be done from this event on, before `after` too (information is transferred "
        "during the stay, by the day of discharge); without it, from `after` on.",
    )
    profile: dict[Id, list[Id]] = Field(
        default_factory=_no_entries, description="Empty: the step holds for every profile."
    )
    source: Source
    status: Annotated[Status, Closed]
    note: Text | None = Field(None, description="Free text; required when status is `assumption`.")


class Route(Element):
    """A way into municipal home healthcare: an ordered chain of handovers."""

    number: int = Field(ge=1)
    handovers: list[Id] = Field(min_length=1)
    also_at: list[Id] = Field(
        default_factory=_no_items,
        description="Handovers off the route's chain where its steps apply too (every discharge from inpatient "
        "care under Lag 2017:612, not only the one into home healthcare); a journey through one takes the route.",
    )
    steps: list[RouteStep] = Field(default_factory=_no_items)
    profile: dict[Id, list[Id]] = Field(default_factory=_no_entries)


class SipPoint(Element):
    """A place where a SIP must be called: at a handover or a unit, by whom, with whom."""

    at: Id = Field(description="A handover or a unit.")
    called_by: Id = Field(description="The unit that calls the SIP.")
    role: Id | None = Field(None, description="The role that calls it.")
    within_days: int | None = Field(None, ge=0)
    after: Id | None = Field(None, description="Event the time limit counts from.")
    deadline_for: Literal["call", "meeting"] = Field(
        "meeting", description="What must happen within the limit: the call to the SIP, or the meeting itself."
    )
    participants: list[Id] = Field(min_length=1)
    profile: dict[Id, list[Id]] = Field(default_factory=_no_entries)


class EscalationPath(Element):
    """Where parties take a disagreement on an intervention or on who is responsible."""

    between: list[Id] = Field(min_length=2, description="Principals or principal groups.")
    body: Text


class Boundary(Element):
    """A profile boundary where responsibility changes hands (age 18, habilitation to adult care)."""

    dimension: Id
    from_value: Id
    to_value: Id
    units: list[Id] = Field(default_factory=_no_items, description="Units on either side.")


class GreyZone(Identified):
    """A grey zone the clinicians raised (domain.md), numbered as there."""

    number: int = Field(ge=1)
    label: Label
    source: Source


COLLECTIONS: dict[str, type[Identified]] = {
    "sources": SourceDoc,
    "principals": Principal,
    "principal_groups": PrincipalGroup,
    "care_levels": CareLevel,
    "units": Unit,
    "roles": Role,
    "needs": Need,
    "dimensions": Dimension,
    "settings": Setting,
    "events": Event,
    "responsibilities": Responsibility,
    "cost_rules": CostRule,
    "coordination_rules": CoordinationRule,
    "handovers": Handover,
    "routes": Route,
    "sip_points": SipPoint,
    "escalation_paths": EscalationPath,
    "boundaries": Boundary,
    "grey_zones": GreyZone,
}
"""Top-level keys of a model file and the element kind each holds."""


class ModelFile(Strict):
    """One YAML file of the model: a mapping of collection name to a list of elements."""

    model: Meta | None = None
    sources: list[SourceDoc] = Field(default_factory=_no_items)
    principals: list[Principal] = Field(default_factory=_no_items)
    principal_groups: list[PrincipalGroup] = Field(default_factory=_no_items)
    care_levels: list[CareLevel] = Field(default_factory=_no_items)
    units: list[Unit] = Field(default_factory=_no_items)
    roles: list[Role] = Field(default_factory=_no_items)
    needs: list[Need] = Field(default_factory=_no_items)
    dimensions: list[Dimension] = Field(default_factory=_no_items)
    settings: list[Setting] = Field(default_factory=_no_items)
    events: list[Event] = Field(default_factory=_no_items)
    responsibilities: list[Responsibility] = Field(default_factory=_no_items)
    cost_rules: list[CostRule] = Field(default_factory=_no_items)
    coordination_rules: list[CoordinationRule] = Field(default_factory=_no_items)
    handovers: list[Handover] = Field(default_factory=_no_items)
    routes: list[Route] = Field(default_factory=_no_items)
    sip_points: list[SipPoint] = Field(default_factory=_no_items)
    escalation_paths: list[EscalationPath] = Field(default_factory=_no_items)
    boundaries: list[Boundary] = Field(default_factory=_no_items)
    grey_zones: list[GreyZone] = Field(default_factory=_no_items)
