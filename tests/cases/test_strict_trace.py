"""The strict trace: ownership only from responsibilities, dated profiles, the route's and SIP's deadlines.

The expectations come from the sources, not from the tool: Lag (2017:612) for the
admission notice (24 h), the information (by the day of discharge) and the call to a SIP
(3 days after the ready-for-discharge notice); the agreement (seed 001/002) for who owns
rehab after discharge; Region Örebro's 7 days (seed 004) for the sender keeping its needs.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathways.cases.format import Case
from pathways.cases.load import load_case
from pathways.cases.trace import Tracer
from pathways.gaps.analyze import find_gaps
from pathways.scenarios.apply import apply_scenarios
from pathways.scenarios.load import load_scenario_refs
from tests.cases.helpers import CASES, MODEL, bundled, bundled_findings, case_text, write

SOCIAL = "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: somatisk, social: ja}"
ROUTE3 = (
    "  - {date: 2026-10-05, event: inskrivning, at: vardavdelning}\n"
    "  - {date: 2026-10-05, event: inskrivningsmeddelande, at: vardavdelning}\n"
    "  - {date: 2026-10-06, event: fast-vardkontakt-utsedd, at: vardcentral}\n"
    "  - {date: 2026-10-09, event: utskrivningsklar, at: vardavdelning}\n"
    "  - {date: 2026-10-09, event: information-overford, at: vardavdelning}\n"
    "  - {date: 2026-10-09, event: utskrivning, at: ho-utskrivning-hemsjukvard}\n"
)


def traced(tmp_path, text: str, model=None, findings=None):
    model = model or bundled()
    case = load_case(write(tmp_path, "case.yaml", text), model)
    return Tracer(model, findings if findings is not None else bundled_findings()).trace(case)


def day(t, iso: str):
    return next(d for d in t.days if d.date == date.fromisoformat(iso))


def kinds(t) -> dict[str, object]:
    return {f.id: f for f in t.trace_findings}


def test_a_route_3_journey_that_keeps_every_step_in_time_has_no_finding_of_its_own(tmp_path):
    t = traced(
        tmp_path,
        case_text(
            ROUTE3 + "  - {date: 2026-10-12, event: sip-kallad, at: sip-utskrivning}\n"
            "  - {date: 2026-10-13, event: sip-mote, at: sip-utskrivning}\n",
            SOCIAL,
        ),
    )
    assert t.routes == ["vag-3-utskrivning"]
    assert t.trace_findings == []
    sip = next(s for s in t.sips if s.id == "sip-utskrivning")
    assert sip.deadline == date(2026, 10, 12), "3 days after the ready-for-discharge notice, not after discharge"
    assert sip.called == date(2026, 10, 12) and sip.on_time and sip.held


def test_the_sip_call_one_day_late_is_a_finding_on_that_day_and_naming_the_law(tmp_path):
    t = traced(
        tmp_path,
        case_text(
            ROUTE3 + "  - {date: 2026-10-13, event: sip-kallad, at: sip-utskrivning}\n"
            "  - {date: 2026-10-14, event: sip-mote, at: sip-utskrivning}\n",
            SOCIAL,
        ),
    )
    found = kinds(t)
    late = found["sip-late:sip-utskrivning"]
    assert late.days == [date(2026, 10, 13)] and late.source.startswith("lag-2017-612")
    assert "sip-late:sip-utskrivning" in day(t, "2026-10-13").trace_findings
    assert "sip-late:sip-utskrivning" not in day(t, "2026-10-12").trace_findings


def test_a_required_sip_never_held_is_marked_on_every_day_after_its_deadline(tmp_path):
    t = traced(tmp_path, case_text(ROUTE3, SOCIAL, "until: 2026-10-20\n"))
    found = kinds(t)
    never = found["sip-not-held:sip-utskrivning"]
    assert never.days[0] == date(2026, 10, 13) and never.days[-1] == date(2026, 10, 20)
    assert "sip-late:sip-utskrivning" not in found, "never called: the SIP is not held, not also 'late'"
    assert all("sip-not-held:sip-utskrivning" in day(t, f"2026-10-{n}").trace_findings for n in range(13, 21))


def test_a_missing_admission_notice_and_information_are_route_step_findings(tmp_path):
    events = ROUTE3.replace("  - {date: 2026-10-05, event: inskrivningsmeddelande, at: vardavdelning}\n", "")
    events = events.replace("  - {date: 2026-10-06, event: fast-vardkontakt-utsedd, at: vardcentral}\n", "")
    events = events.replace("  - {date: 2026-10-09, event: information-overford, at: vardavdelning}\n", "")
    t = traced(tmp_path, case_text(events, extra="until: 2026-10-12\n"))
    found = kinds(t)
    notice = found["route-step-late:steg-inskrivningsmeddelande"]
    assert notice.days[0] == date(2026, 10, 7), "24 hours after the admission on 10-05: late from 10-07"
    info = found["route-step-late:steg-information"]
    assert info.days[0] == date(2026, 10, 10), "information is due on the day of discharge"
    assert "steg-sip-3-dagar" not in " ".join(found), "no social services: the SIP step does not apply"


def test_a_weekend_discharge_gap_is_red_even_when_the_route_is_kept(tmp_path):
    t = Tracer(bundled(), bundled_findings()).trace(load_case(CASES / "utskrivning-fredag.yaml", bundled()))
    # Municipal rehab takes over 3 working days after Friday 6 March: on Wednesday the 11th.
    assert [d.date for d in t.days if d.uncovered] == [date(2026, 3, n) for n in (7, 8, 9, 10)]
    assert {"sip-not-held:sip-inneliggande", "sip-not-held:sip-utskrivning"} <= set(kinds(t))
    assert not [f for f in t.trace_findings if f.kind == "route-step-late"]


def test_the_receiver_owns_nothing_a_responsibility_does_not_give_it(tmp_path):
    t = Tracer(bundled(), bundled_findings()).trace(load_case(CASES / "gz3-habilitering-avslut.yaml", bundled()))
    after = [d for d in t.days if d.date > date(2026, 6, 1)]
    assert after and all("vardcentral" not in d.owners.get("hjm-uppfoljning", []) for d in after)
    assert all("hjm-uppfoljning" in d.uncovered for d in after)


def test_the_sender_keeps_the_needs_for_the_days_the_model_says(tmp_path):
    model = bundled()
    changed = apply_scenarios(model, load_scenario_refs(["orebro-7-dagar"], MODEL, model))
    case = load_case(CASES / "utskrivning-fredag.yaml", changed)
    t = Tracer(changed, find_gaps(changed)).trace(case)
    weekend = day(t, "2026-03-07")
    assert weekend.uncovered == []
    assert weekend.owners["rehabbedomning"][0] == "vardavdelning"
    assert weekend.via["rehabbedomning"][0] == "ho-utskrivning-kommunal-rehab"
    keep_end = next(h for h in t.handovers if h.id == "ho-utskrivning-kommunal-rehab").sender_until
    after = next(d for d in t.days if d.date > keep_end)
    assert "vardavdelning" not in after.owners.get("rehabbedomning", [])


def test_a_dated_profile_change_changes_who_owns(tmp_path):
    profile = (
        "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: ej-inskriven, diagnos: somatisk, social: nej}"
    )
    extra = "needs: [egenvardsbedomning]\nuntil: 2026-03-07\nchanges:\n  - {date: 2026-03-05, profile: {hemsjukvard: inskriven}}\n"
    events = "  - {date: 2026-03-02, event: inskrivning-hemsjukvard, at: kommunal-hemsjukvard}\n"
    t = traced(tmp_path, case_text(events, profile, extra))
    assert [d.uncovered for d in t.days[:3]] == [["egenvardsbedomning"]] * 3
    assert all(d.owners.get("egenvardsbedomning") == ["kommunal-hemsjukvard"] for d in t.days[3:])
    assert day(t, "2026-03-05").profile["hemsjukvard"] == ["inskriven"]


def test_several_diagnoses_bring_every_responsibility_for_any_of_them(tmp_path):
    events = "  - {date: 2026-03-02, event: forsta-besok, at: kommunal-rehab-ordinart}\n"
    extra = "needs: [behandling]\nuntil: 2026-03-03\n"
    only = (
        "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: psykiatrisk, social: nej}"
    )
    both = only.replace("diagnos: psykiatrisk", "diagnos: [psykiatrisk, npf]")
    assert traced(tmp_path, case_text(events, only, extra)).uncovered_days == 2
    t = traced(tmp_path, case_text(events, both, extra))
    assert t.uncovered_days == 0 and t.days[0].owners["behandling"] == ["kommunal-rehab-ordinart"]
    assert t.profile["diagnos"] == "psykiatrisk+npf"


UNIT_EVENTS = [
    ("vardcentral", "forsta-besok"),
    ("kommunal-rehab-ordinart", "forsta-besok"),
    ("kommunal-hemsjukvard", "inskrivning-hemsjukvard"),
    ("primarvardsrehab", "forsta-besok"),
    ("vardavdelning", "inskrivning"),
    ("habiliteringen", "forsta-besok"),
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.fixed_dictionaries({d.id: st.sampled_from([v.id for v in d.values]) for d in bundled().dimensions}),
    visits=st.lists(st.tuples(st.sampled_from(UNIT_EVENTS), st.integers(0, 5)), min_size=1, max_size=4),
)
def test_a_case_whose_needs_all_have_an_owner_every_day_has_no_unowned_day(values, visits):
    model = bundled()
    tracer = Tracer(model, bundled_findings())
    start = date(2026, 3, 2)
    events, offset = [], 0
    for (unit, event), gap in visits:
        offset += gap
        events.append({"date": (start + timedelta(days=offset)).isoformat(), "event": event, "at": unit, "ends": False})
    data = {"id": "egenskap", "label": {"sv": "Egenskap", "en": "Property"}, "profile": values, "events": events}
    probe = tracer.trace(Case.model_validate(data), check=False)
    always = set.intersection(*(set(d.owners) for d in probe.days))
    sometimes = set().union(*(set(d.owners) for d in probe.days)) - always
    owned = tracer.trace(Case.model_validate({**data, "needs": sorted(always)}), check=False)
    assert owned.uncovered_days == 0 and owned.gaps == []
    if sometimes:
        need = sorted(sometimes)[0]
        red = tracer.trace(Case.model_validate({**data, "needs": [need]}), check=False)
        unowned = {d.date for d in probe.days if need not in d.owners}
        assert {d.date for d in red.days if d.uncovered} <= unowned, "a red day is a day with no owner"
