"""The model's pathways traced day by day against what the sources say.

Lag (2017:612): the named care contact calls the SIP within 3 days (calendar days, the law
names no other) after the ready-for-discharge notice, so the planning may come before the
discharge. HSLF-FS 2021:52 (Region Dalarna's prescriber information): a temporary
prescription's time limit goes with the handover. Seed 002 (grey zone 8): devices before a
planned operation, "hemgångsklar"; the ICF split. Seed 001: municipal rehab at home in
ordinary and special housing; specialised care ends and a primary-care level takes over
(grey zone 7, the care chain between care levels).
"""

from __future__ import annotations

from datetime import date

from pathways.cases.load import load_case
from pathways.cases.trace import TraceOptions, Tracer
from pathways.revision.explain import explain_grey_zone
from tests.cases.helpers import CASES, bundled, bundled_findings, case_text, write

SOCIAL = "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: somatisk, social: ja}"
ADMITTED = (
    "  - {date: 2026-10-01, event: inskrivning, at: vardavdelning}\n"
    "  - {date: 2026-10-01, event: inskrivningsmeddelande, at: vardavdelning}\n"
    "  - {date: 2026-10-02, event: fast-vardkontakt-utsedd, at: vardcentral}\n"
)
PREOP_NEEDS = ("hjm-behovsbedomning", "hjm-utprovning", "hjm-instruktion")


def traced(tmp_path, text: str, model=None, findings=None, calendar: bool = False):
    model = model or bundled()
    case = load_case(write(tmp_path, "case.yaml", text), model)
    found = findings if findings is not None else bundled_findings()
    return Tracer(model, found, TraceOptions(calendar=calendar)).trace(case)


def day(t, iso: str):
    return next(d for d in t.days if d.date == date.fromisoformat(iso))


def ids(t) -> dict[str, object]:
    return {f.id: f for f in t.trace_findings}


def test_planned_surgery_devices_are_the_operating_clinics_before_and_the_wards_during_the_stay():
    t = Tracer(bundled(), bundled_findings()).trace(load_case(CASES / "preop-planerad-operation.yaml", bundled()))
    before = [d for d in t.days if d.date < date(2026, 11, 16)]
    assert before and all(d.setting == "mottagning" for d in before), "before surgery the patient visits the clinic"
    assert all("specialistmottagning" in d.owners[n] for d in before for n in PREOP_NEEDS)
    stay = [day(t, f"2026-11-{n}") for n in range(16, 19)]
    assert all(d.setting == "inneliggande" and d.owners["hjm-utprovning"] == ["vardavdelning"] for d in stay)
    assert day(t, "2026-11-16").profile["besok"] == ["kan-inte"], "after the operation: cannot visit a clinic"
    assert "hemgangsklar" in [e["event"] for e in day(t, "2026-11-17").events]
    # the model's assumption: municipal rehab from the 3rd working day after the discharge (Wednesday -> Monday)
    handover = next(h for h in t.handovers if h.id == "ho-utskrivning-kommunal-rehab")
    red = [d.date for d in t.days if d.uncovered]
    assert red == [date(2026, 11, d) for d in (19, 20, 21, 22)] and handover.receiver_from == date(2026, 11, 23)
    assert day(t, "2026-11-23").owners["behandling"] == ["kommunal-rehab-ordinart"]
    assert t.trace_findings == [], "SIP held during the stay; no route into home healthcare"


def test_the_sip_call_counts_from_the_ready_notice_not_from_the_discharge(tmp_path):
    """Ready on 10-05, discharged on 10-09, called on the day of discharge: 1 day late."""
    events = ADMITTED + (
        "  - {date: 2026-10-05, event: utskrivningsklar, at: vardavdelning}\n"
        "  - {date: 2026-10-09, event: information-overford, at: vardavdelning}\n"
        "  - {date: 2026-10-09, event: sip-kallad, at: sip-utskrivning}\n"
        "  - {date: 2026-10-09, event: sip-mote, at: sip-utskrivning}\n"
        "  - {date: 2026-10-09, event: utskrivning, at: ho-utskrivning-hemsjukvard}\n"
    )
    t = traced(tmp_path, case_text(events, SOCIAL))
    late = ids(t)["sip-late:sip-utskrivning"]
    assert late.days == [date(2026, 10, 9)], "due 10-08, three days after the notice of 10-05"
    assert "sip-late:sip-utskrivning" in day(t, "2026-10-09").trace_findings
    assert "sip-late:sip-utskrivning" not in day(t, "2026-10-08").trace_findings


def test_a_sip_planned_before_the_discharge_and_over_a_weekend_is_on_time(tmp_path):
    """Ready on Friday 10-09; called Saturday, held Monday, discharged Tuesday: calendar days."""
    events = ADMITTED + (
        "  - {date: 2026-10-09, event: utskrivningsklar, at: vardavdelning}\n"
        "  - {date: 2026-10-10, event: sip-kallad, at: sip-utskrivning}\n"
        "  - {date: 2026-10-12, event: sip-mote, at: sip-utskrivning}\n"
        "  - {date: 2026-10-13, event: information-overford, at: vardavdelning}\n"
        "  - {date: 2026-10-13, event: utskrivning, at: ho-utskrivning-hemsjukvard}\n"
    )
    for calendar in (False, True):
        t = traced(tmp_path, case_text(events, SOCIAL), calendar=calendar)
        sip = next(s for s in t.sips if s.id == "sip-utskrivning")
        assert sip.deadline == date(2026, 10, 12) and sip.on_time and sip.held, calendar
        # four days in hospital after the notice: the municipality's payment liability (3 days) is the only miss
        assert [f.id for f in t.trace_findings] == ["route-step-late:steg-betalningsansvar"], calendar


def test_a_temporary_prescription_without_its_time_limit_in_the_handover_is_a_finding(tmp_path):
    adult = (
        "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: ej-inskriven, diagnos: somatisk, social: nej}"
    )
    ward = (
        "  - {date: 2026-05-04, event: inskrivning, at: vardavdelning}\n"
        "  - {date: 2026-05-06, event: tillfallig-forskrivning, at: vardavdelning}\n"
        "  - {date: 2026-05-08, event: utskrivning, at: ho-utskrivning-kommunal-rehab}\n"
    )
    t = traced(tmp_path, case_text(ward, adult, "until: 2026-05-12\n"))
    lost = ids(t)["temporary-limit-not-passed:ho-utskrivning-kommunal-rehab"]
    assert lost.days == [date(2026, 5, 8)] and lost.source.startswith("hslf-fs-2021-52")
    assert lost.id in day(t, "2026-05-08").trace_findings
    rehab_ward = (
        "  - {date: 2026-05-04, event: inskrivning, at: rehabavdelning}\n"
        "  - {date: 2026-05-06, event: tillfallig-forskrivning, at: rehabavdelning}\n"
        "  - {date: 2026-05-08, event: utskrivning, at: ho-rehabavdelning-kommunal-rehab}\n"
    )
    passed = traced(tmp_path, case_text(rehab_ward, adult, "until: 2026-05-12\n"))
    assert not [f for f in passed.trace_findings if f.kind == "temporary-limit-not-passed"]
    assert "temporary_prescription_limit" in passed.handovers[0].passes
    without = traced(tmp_path, case_text(ward.replace("tillfallig-forskrivning", "forskrivning"), adult))
    assert not [f for f in without.trace_findings if f.kind == "temporary-limit-not-passed"]


def test_municipal_rehab_owns_body_functions_in_special_housing_and_not_for_clinic_visitors(tmp_path):
    sarskilt = (
        "{alder: vuxen, boende: sarskilt, besok: kan-inte, hemsjukvard: ej-inskriven, diagnos: somatisk, social: nej}"
    )
    events = "  - {date: 2026-03-02, event: forsta-besok, at: kommunal-rehab-sarskilt}\n"
    t = traced(tmp_path, case_text(events, sarskilt, "needs: [kroppsfunktion]\nuntil: 2026-03-03\n"))
    assert t.uncovered_days == 0 and t.days[0].owners["kroppsfunktion"] == ["kommunal-rehab-sarskilt"]
    visits = sarskilt.replace("besok: kan-inte", "besok: kan")
    t = traced(tmp_path, case_text(events, visits, "needs: [kroppsfunktion]\nuntil: 2026-03-03\n"))
    assert "kommunal-rehab-sarskilt" not in t.days[0].owners.get("kroppsfunktion", [])


def test_grey_zone_7_is_every_handover_where_specialised_care_hands_to_a_primary_care_level():
    model = bundled()
    level = {u.id: u.care_level for u in model.units}
    specialised = {c.id for c in model.care_levels if c.id == "specialiserad-vard" or c.parent == "specialiserad-vard"}
    primary = {"regional-primarvard", "kommunal-primarvard"}
    chain = {h.id for h in model.handovers if level.get(h.from_) in specialised and level.get(h.to) in primary}
    zone = explain_grey_zone(model, bundled_findings(), "gz7", "sv")
    assert {p.id for p in zone.elements} == chain
    assert zone.findings, "the tool finds gaps in the care chain"
    assert all(set(f.elements) & chain for f in zone.findings)
    assert {"PW103", "PW104", "PW108"} <= {f.rule for f in zone.findings}
