"""Lag (2017:612) at every discharge, working days on the calendar, contacts ended without the handover.

The expectations come from the law as domain.md restates it: the named care contact is
appointed before discharge, once the admission notice is received; the information is
transferred no later than the day of discharge; when the patient needs both the region and the
municipality afterwards, the named care contact calls a SIP within 3 days after the
ready-for-discharge notice. Weekends are not working days.
"""

from __future__ import annotations

from datetime import date

from pathways.cases.load import load_case
from pathways.cases.trace import TraceOptions, Tracer
from tests.cases.helpers import ADULT_HOME, bundled, bundled_findings, case_text, write

ADMITTED = (
    "  - {date: 2026-10-05, event: inskrivning, at: vardavdelning}\n"
    "  - {date: 2026-10-05, event: inskrivningsmeddelande, at: vardavdelning}\n"
)


def traced(tmp_path, events: str, profile: str = ADULT_HOME, calendar: bool = True):
    model = bundled()
    case = load_case(write(tmp_path, "case.yaml", case_text(events, profile)), model)
    return Tracer(model, bundled_findings(), TraceOptions(calendar=calendar)).trace(case)


def own(t) -> dict:
    return {f.id: f for f in t.trace_findings}


def test_information_sent_during_the_stay_is_in_time(tmp_path):
    t = traced(
        tmp_path,
        ADMITTED + "  - {date: 2026-10-06, event: fast-vardkontakt-utsedd, at: vardcentral}\n"
        "  - {date: 2026-10-07, event: information-overford, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: utskrivningsklar, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: utskrivning, at: ho-utskrivning-hemsjukvard}\n"
        "  - {date: 2026-10-09, event: sip-kallad, at: sip-utskrivning}\n",
    )
    assert not [f for f in own(t) if f.startswith("route-step-late")]


def test_a_named_care_contact_appointed_after_discharge_is_late(tmp_path):
    t = traced(
        tmp_path,
        ADMITTED + "  - {date: 2026-10-08, event: utskrivningsklar, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: information-overford, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: utskrivning, at: ho-utskrivning-hemsjukvard}\n"
        "  - {date: 2026-10-12, event: fast-vardkontakt-utsedd, at: vardcentral}\n",
    )
    late = own(t)["route-step-late:steg-fast-vardkontakt"]
    assert late.days[0] == date(2026, 10, 9)
    assert late.days[-1] == date(2026, 10, 12)


def test_the_law_holds_at_a_discharge_to_municipal_rehab_too(tmp_path):
    t = traced(
        tmp_path,
        ADMITTED + "  - {date: 2026-10-08, event: utskrivningsklar, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: utskrivning, at: ho-utskrivning-kommunal-rehab}\n",
    )
    assert t.routes == ["vag-3-utskrivning"]
    assert {"route-step-late:steg-fast-vardkontakt", "route-step-late:steg-information"} <= set(own(t))


def test_a_sip_is_required_at_discharge_to_home_healthcare_without_social_care(tmp_path):
    """Both principals after discharge (home healthcare and the health centre's named care contact)."""
    t = traced(
        tmp_path,
        ADMITTED + "  - {date: 2026-10-06, event: fast-vardkontakt-utsedd, at: vardcentral}\n"
        "  - {date: 2026-10-08, event: utskrivningsklar, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: information-overford, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: utskrivning, at: ho-utskrivning-hemsjukvard}\n",
    )
    not_held = own(t)["sip-not-held:sip-utskrivning"]
    # Ready on Thursday 8 October: the call is due by Sunday 11 October, marked from the 12th.
    assert not_held.days[0] == date(2026, 10, 12)
    assert "sip-late:sip-utskrivning" not in own(t), "a SIP never called is not also 'late'"


def test_one_discharge_one_planning(tmp_path):
    """Discharged to home healthcare and municipal rehab on one day: one SIP held counts for both points."""
    t = traced(
        tmp_path,
        ADMITTED + "  - {date: 2026-10-06, event: fast-vardkontakt-utsedd, at: vardcentral}\n"
        "  - {date: 2026-10-08, event: utskrivningsklar, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: information-overford, at: vardavdelning}\n"
        "  - {date: 2026-10-08, event: utskrivning, at: ho-utskrivning-hemsjukvard}\n"
        "  - {date: 2026-10-08, event: utskrivning, at: ho-utskrivning-kommunal-rehab}\n"
        "  - {date: 2026-10-09, event: sip-kallad, at: sip-utskrivning}\n"
        "  - {date: 2026-10-12, event: sip-mote, at: sip-utskrivning}\n",
    )
    assert {s.id: s.held for s in t.sips} == {"sip-utskrivning": True, "sip-inneliggande": True}
    assert not [f for f in own(t) if f.startswith("sip-")]


def test_a_friday_discharge_waits_over_the_weekend_on_the_calendar(tmp_path):
    """Municipal rehab takes over 3 working days after discharge: Friday + 3 working days is Wednesday."""
    events = (
        "  - {date: 2026-03-02, event: inskrivning, at: vardavdelning}\n"
        "  - {date: 2026-03-06, event: utskrivning, at: ho-utskrivning-kommunal-rehab}\n"
    )
    strict = traced(tmp_path, events)
    plain = traced(tmp_path, events, calendar=False)
    red = {d.date for d in strict.days if d.uncovered}
    assert red == {date(2026, 3, d) for d in (7, 8, 9, 10)}
    assert {d.date for d in plain.days if d.uncovered} == {date(2026, 3, 7), date(2026, 3, 8)}


def test_the_trace_counts_on_the_calendar_by_default():
    assert TraceOptions().calendar is True


def test_ending_at_the_unit_where_the_model_hands_on_leaves_the_needs_without_owner(tmp_path):
    """Habilitation ends the contact itself instead of through the handover to the health centre."""
    profile = (
        "{alder: vuxen, boende: ordinart, besok: kan, hemsjukvard: ej-inskriven, diagnos: habilitering, social: nej}"
    )
    events = (
        "  - {date: 2026-01-12, event: remiss, at: ho-vc-habiliteringen}\n"
        "  - {date: 2026-02-02, event: forskrivning, at: habiliteringen}\n"
        "  - {date: 2026-06-01, event: avslut, at: %s}\n"
    )
    at_unit = traced(tmp_path, events % "habiliteringen", profile)
    through = traced(tmp_path, events % "ho-habiliteringen-avslut-vc", profile)
    dropped = own(at_unit)["ended-without-handover:ho-habiliteringen-avslut-vc"]
    assert dropped.days and dropped.days[0] == date(2026, 6, 2)
    assert set(dropped.needs) <= set(bundled().by_id["ho-habiliteringen-avslut-vc"].needs)
    assert all(n in at_unit.days[-1].uncovered for n in dropped.needs)
    assert not [f for f in own(through) if f.startswith("ended-without-handover")]


def test_a_referral_sent_back_leaves_its_needs_waiting_with_the_sender(tmp_path):
    """The health centre refers an adult with autism and anxiety to psychiatry, which sends it back."""
    profile = "{alder: vuxen, boende: ordinart, besok: kan, hemsjukvard: ej-inskriven, diagnos: [npf, psykiatrisk], social: nej}"
    events = (
        "  - {date: 2026-02-02, event: forsta-besok, at: vardcentral}\n"
        "  - {date: 2026-02-03, event: remiss, at: ho-vc-vuxenpsykiatri}\n"
        "  - {date: 2026-02-20, event: remiss-retur, at: vuxenpsykiatri}\n"
    )
    t = traced(tmp_path, events + "  - {date: 2026-02-27, event: forsta-besok, at: vardcentral}\n", profile)
    after = [d for d in t.days if d.date > date(2026, 2, 20)]
    assert all("vuxenpsykiatri" not in d.engaged for d in after), "the receiver let go when it sent the referral back"
    assert all(d.unit == "vardcentral" for d in after)
    returned = own(t)["referral-returned:ho-vc-vuxenpsykiatri"]
    passed = set(bundled().by_id["ho-vc-vuxenpsykiatri"].needs)
    assert returned.needs and set(returned.needs) <= passed
    assert returned.days[0] == date(2026, 2, 21)
    assert all(set(returned.needs) <= set(d.uncovered) for d in after)
    kept = traced(
        tmp_path, events.replace("  - {date: 2026-02-20, event: remiss-retur, at: vuxenpsykiatri}\n", ""), profile
    )
    assert not [f for f in own(kept) if f.startswith("referral-returned")]
