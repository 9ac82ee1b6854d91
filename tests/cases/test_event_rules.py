"""Every rule a case's events and profile must keep is an error at the line that breaks it."""

from __future__ import annotations

import pytest

from pathways.cases.load import load_case
from pathways.model.errors import ModelError
from tests.cases.helpers import bundled, case_text, write

SOCIAL = "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: somatisk, social: ja}"
STAY = "  - {date: 2026-03-02, event: inskrivning, at: vardavdelning}\n"


def problems_of(path):
    with pytest.raises(ModelError) as exc:
        load_case(path, bundled())
    return exc.value.problems


@pytest.mark.parametrize(
    "events, profile, line, words",
    [
        # the place the event declares (events.yaml `at`)
        (
            "  - {date: 2026-03-02, event: vardbegaran, at: vardavdelning}\n",
            None,
            6,
            "happens at a handover, not at a unit",
        ),
        # the unit kinds it declares (`unit_kinds`): an admission at municipal rehab
        (
            "  - {date: 2026-03-02, event: inskrivning, at: kommunal-rehab-ordinart}\n",
            None,
            6,
            "happens at a unit of kind",
        ),
        # what must come before it (`requires`)
        (
            "  - {date: 2026-03-02, event: utskrivningsklar, at: vardavdelning}\n",
            None,
            6,
            "needs 'inskrivning' before it",
        ),
        (
            STAY + "  - {date: 2026-03-03, event: fast-vardkontakt-utsedd, at: vardcentral}\n",
            None,
            7,
            "needs 'inskrivningsmeddelande'",
        ),
        (
            STAY + "  - {date: 2026-03-04, event: hjm-levererat, at: vardavdelning}\n",
            None,
            7,
            "needs 'forskrivning' or 'tillfallig-forskrivning'",
        ),
        # at a SIP point only the call and the meeting happen (a discharge is no SIP)
        (
            STAY + "  - {date: 2026-03-03, event: utskrivning, at: sip-utskrivning}\n",
            SOCIAL,
            7,
            "only sip-kallad and sip-mote",
        ),
        # a SIP for a handover whose sender the patient never met
        (
            STAY + "  - {date: 2026-03-03, event: sip-mote, at: sip-rehabavdelning}\n",
            SOCIAL,
            7,
            "no contact with 'rehabavdelning'",
        ),
        # a SIP for a profile that does not need it
        (
            "  - {date: 2026-03-02, event: forsta-besok, at: specialistmottagning}\n"
            "  - {date: 2026-03-03, event: sip-mote, at: sip-specialiserad-oppenvard}\n",
            None,
            7,
            "profile does not fit",
        ),
        # a handover event that is not the handover's trigger
        (
            STAY + "  - {date: 2026-03-03, event: remiss, at: ho-utskrivning-kommunal-rehab}\n",
            None,
            7,
            "triggered by 'utskrivning'",
        ),
    ],
)
def test_each_event_rule_broken_is_one_error_at_its_line(tmp_path, events, profile, line, words):
    text = case_text(events, profile) if profile else case_text(events)
    problems = problems_of(write(tmp_path, "bad.yaml", text))
    assert len(problems) == 1, problems
    assert problems[0].line == line and words in problems[0].message, problems[0]


def test_a_sip_meeting_during_the_stay_is_allowed_before_the_discharge(tmp_path):
    events = STAY + "  - {date: 2026-03-04, event: sip-mote, at: sip-inneliggande}\n"
    case = load_case(write(tmp_path, "ok.yaml", case_text(events)), bundled())
    assert [e.event for e in case.events] == ["inskrivning", "sip-mote"]


@pytest.mark.parametrize(
    "profile, extra, words",
    [
        (
            "{alder: [vuxen, barn], boende: ordinart, besok: kan, hemsjukvard: ej-inskriven, diagnos: somatisk, social: nej}",
            "",
            "'alder' takes one value",
        ),
        (
            "{alder: vuxen, boende: ordinart, besok: kan, hemsjukvard: ej-inskriven, diagnos: [npf, autism], social: nej}",
            "",
            "'autism' is not a value of 'diagnos'",
        ),
        (None, "changes:\n  - {date: 2026-03-05, profile: {besokk: kan-inte}}\n", "did you mean 'besok'"),
        (
            None,
            "changes:\n  - {date: 2026-03-05, profile: {besok: kan}}\n  - {date: 2026-03-04, profile: {besok: kan-inte}}\n",
            "changes out of order",
        ),
    ],
)
def test_profile_and_change_mistakes_are_errors(tmp_path, profile, extra, words):
    text = case_text(STAY, profile, extra) if profile else case_text(STAY, extra=extra)
    problems = problems_of(write(tmp_path, "bad.yaml", text))
    assert len(problems) == 1 and words in problems[0].message, problems
