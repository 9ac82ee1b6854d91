"""Trace a patient journey day by day: where the patient is, who owns each need, what passes.

The public entry point is :func:`trace` (one journey) or :class:`Tracer` (many journeys
through one model: everything that depends only on the model is computed once)::

    m = load_model("model")
    findings = find_gaps(m)                       # once, by the caller
    tracer = Tracer(m, findings)
    t = tracer.trace(case)                        # a Case: profile, dated changes, dated events
    t.days[3].owners, t.gaps, t.trace_findings    # day by day, red days, the trace's findings
    t.as_dict()                                   # plain data for diagrams and reports

The rules (docs/cases-and-scenarios.md says the same for users):

- **Contact.** An event at a unit starts the patient's contact with it. A handover starts
  the receiver's contact ``receiver_from`` days after the trigger. A contact ends with an
  event that closes a time window in the model (``utskrivning``, ``avslut``): at a unit on
  that day; at a handover ``sender_until`` days after the trigger, for the sender.
  ``ends: true`` or ``false`` on the event overrides this.
- **Profile.** The case's profile holds from the first day; each dated change replaces
  the values it gives from its date on. Several values of a dimension (diagnoses) mean
  that every responsibility for any of them applies.
- **Setting.** The patient is where the latest unit they came to works; after a handover,
  from the next day, where the receiver works; after a contact ends with no handover, in
  the profile's own setting (home).
- **Owners (strict).** A unit owns a need on a day only where it has contact with the
  patient and one of its responsibilities gives it the need for the patient's profile
  that day, in the day's setting, inside the responsibility's time window. A handover
  gives the receiver nothing: a passed need the receiver does not own is the trace
  finding ``handover-not-owned``. The sender lets go of the handover's needs at the
  trigger, unless the handover keeps them ``sender_until`` days (then it owns those of
  them its responsibilities give it, until that day).
- **Active needs and gaps.** A need is active on a day when it has an owner, when the case
  lists it in ``needs``, or from the day after the sender let go of it at a handover until
  someone owns it. An active need with no owner is *uncovered*: a red day.
- **The trace's own findings** (:mod:`pathways.cases.trace.checks`): the route's steps
  against their time limits, required SIPs called and held in time, needs passed to no
  owner; each names its element and its source, on the days it is open.
- **Gap-rule findings** are met on the days the journey touches them
  (:mod:`pathways.cases.match`).

Days count as calendar days; with ``calendar=True`` working days skip weekends and Swedish
public holidays.
"""

from __future__ import annotations

from pathways.cases.format import Case
from pathways.cases.trace.result import (
    TRACE_KINDS,
    Day,
    Gap,
    HandoverStep,
    MetFinding,
    SipStep,
    Trace,
    TraceFinding,
)
from pathways.cases.trace.tracer import MAX_WINDOW_LOOKAHEAD, TraceOptions, Tracer
from pathways.gaps.core import Finding
from pathways.model.model import Model

__all__ = [
    "MAX_WINDOW_LOOKAHEAD",
    "TRACE_KINDS",
    "Day",
    "Gap",
    "HandoverStep",
    "MetFinding",
    "SipStep",
    "Trace",
    "TraceFinding",
    "TraceOptions",
    "Tracer",
    "trace",
]


def trace(model: Model, case: Case, findings: list[Finding], options: TraceOptions | None = None) -> Trace:
    """Trace one journey through a model, given the model's gap findings (see :class:`Tracer`)."""
    return Tracer(model, findings, options).trace(case)
