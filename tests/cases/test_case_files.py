"""The case format: bundled cases, personal data refused, one clear error per mistake."""

from __future__ import annotations

from datetime import date

import pytest

from pathways.cases.load import load_case, load_cases
from pathways.model.errors import ModelError
from tests.cases.helpers import CASES, bundled, case_text, cli, cli_subprocess, write

EVENTS_OK = (
    "  - {date: 2026-03-02, event: inskrivning, at: vardavdelning}\n"
    "  - {date: 2026-03-06, event: utskrivning, at: ho-utskrivning-kommunal-rehab}\n"
)


def problems_of(path) -> list:
    with pytest.raises(ModelError) as exc:
        load_case(path, bundled())
    return exc.value.problems


# --------------------------------------------------------------------------- bundled cases
def test_bundled_cases_cover_routes_grey_zones_child_psychiatry_and_a_friday():
    model = bundled()
    cases = load_cases(CASES, model)
    assert len(cases) >= 10
    handovers_used = {e.at for c in cases for e in c.events}
    for route in model.routes:
        assert set(route.handovers) <= handovers_used, f"no case travels {route.id}"
    numbers = {model.by_id[g].number for c in cases for g in c.grey_zones}
    assert numbers >= set(range(1, 10))
    assert any(c.profile["alder"] == "barn" for c in cases)
    assert any(
        c.profile["diagnos"] == "psykiatrisk"
        and any(model.by_id[e.at].to == "kommunal-hemsjukvard" for e in c.events if model.kind_of[e.at] == "handovers")
        for c in cases
    )
    assert any(e.event == "utskrivning" and e.date.weekday() == 4 for c in cases for e in c.events)
    bmb = [c for c in cases if "gz9" in c.grey_zones]
    assert bmb and all("bmb" in c.needs for c in bmb), "grey zone 9 is the unnamed manual step BMB"


def test_bundled_cases_hold_no_personal_data():
    from pathways.cases.yamlfile import privacy_problems

    for path in sorted(CASES.glob("*.yaml")):
        assert privacy_problems(path.read_text(encoding="utf-8"), str(path)) == []


def test_a_valid_case_loads_with_dates_and_positions(tmp_path):
    path = write(tmp_path, "ok.yaml", case_text(EVENTS_OK))
    case = load_case(path, bundled())
    assert case.events[1].date == date(2026, 3, 6)
    line = case_text(EVENTS_OK).splitlines()[6]
    assert case.origin.where("events", 1, "at") == (7, line.index("at:") + 1)


# --------------------------------------------------------------------------- personal data
@pytest.mark.parametrize("number", ["19121212-1212", "121212-1212", "191212121212", "1212121212", "20051231+1234"])
def test_a_personal_identity_number_refuses_the_file(tmp_path, number):
    path = write(
        tmp_path,
        "pnr.yaml",
        case_text(EVENTS_OK).replace("note: Fiktiv patient.", f"note: Patienten {number} bor ensam."),
    )
    problems = problems_of(path)
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line) == (str(path), 4)
    assert "personnummer" in p.message
    assert number not in str(p), "the error must not repeat the number"


def test_a_personal_identity_number_in_a_comment_is_refused_too(tmp_path):
    path = write(tmp_path, "pnr.yaml", "# kontakt 19121212-1212\n" + case_text(EVENTS_OK))
    problems = problems_of(path)
    assert [(p.line, "personnummer" in p.message) for p in problems] == [(1, True)]


def test_an_email_address_refuses_the_file(tmp_path):
    path = write(
        tmp_path, "mail.yaml", case_text(EVENTS_OK).replace("note: Fiktiv patient.", "note: Skriv till a.b@example.se")
    )
    problems = problems_of(path)
    assert len(problems) == 1 and problems[0].line == 4 and "e-mail" in problems[0].message
    assert "a.b@example.se" not in str(problems[0])


def test_dates_and_ids_are_not_taken_for_personal_data(tmp_path):
    path = write(
        tmp_path,
        "ok.yaml",
        case_text(EVENTS_OK).replace("note: Fiktiv patient.", "note: Dnr RD20/03668, 2026-03-02, 07:30, 3 dagar"),
    )
    assert load_case(path, bundled()).id == "testfall"


# --------------------------------------------------------------------------- one error per mistake
@pytest.mark.parametrize(
    "events, line, words",
    [
        ("  - {date: 2026-02-30, event: inskrivning, at: vardavdelning}\n", 6, "'2026-02-30' is not a date"),
        ("  - {date: 2026-3-2, event: inskrivning, at: vardavdelning}\n", 6, "YYYY-MM-DD"),
        ("  - {date: 2026-03-02, event: inskrivningen, at: vardavdelning}\n", 6, "did you mean 'inskrivning'"),
        ("  - {date: 2026-03-02, event: inskrivning, at: vardavdelningen}\n", 6, "did you mean 'vardavdelning'"),
        ("  - {date: 2026-03-02, event: inskrivning, at: lakare}\n", 6, "is a role"),
        ("  - {date: 2026-03-02, event: inskrivning, at: vardavdelning, datum: 1}\n", 6, "unknown field 'datum'"),
        ("  - {date: 2026-03-02, event: remiss, at: ho-utskrivning-kommunal-rehab}\n", 6, "triggered by 'utskrivning'"),
        (
            "  - {date: 2026-03-01, event: inskrivning, at: vardavdelning}\n"
            "  - {date: 2026-03-02, event: utskrivning, at: ho-rehabavdelning-kommunal-rehab}\n",
            7,
            "no contact with 'rehabavdelning'",
        ),
        (
            "  - {date: 2026-03-09, event: inskrivning, at: vardavdelning}\n"
            "  - {date: 2026-03-06, event: utskrivning, at: ho-utskrivning-kommunal-rehab}\n",
            7,
            "events out of order",
        ),
    ],
)
def test_each_mistake_in_the_events_is_one_error_at_its_line(tmp_path, events, line, words):
    path = write(tmp_path, "bad.yaml", case_text(events))
    problems = problems_of(path)
    assert len(problems) == 1, problems
    assert problems[0].file == str(path) and problems[0].line == line
    assert words in problems[0].message


def test_profile_mistakes_are_named(tmp_path):
    profile = (
        "{alder: vuxna, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: somatisk, socialt: nej}"
    )
    problems = problems_of(write(tmp_path, "bad.yaml", case_text(EVENTS_OK, profile=profile)))
    messages = sorted(p.message for p in problems)
    assert len(problems) == 3
    assert any("'vuxna' is not a value of 'alder'" in m for m in messages)
    assert any("unknown profile dimension 'socialt'" in m and "did you mean 'social'" in m for m in messages)
    assert any("gives no value for 'social'" in m for m in messages)
    assert all(p.line == 3 for p in problems)


def test_several_mistakes_give_one_error_each(tmp_path):
    events = (
        "  - {date: 2026-03-02, event: inskrivning, at: vardavdelning}\n"
        "  - {date: 2026-02-31, event: forskrivning, at: vardavdelning}\n"
        "  - {date: 2026-03-06, event: utskrivning, at: ho-okand}\n"
    )
    problems = problems_of(write(tmp_path, "bad.yaml", case_text(events, extra="needs: [bmbx]\n")))
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (5, "'bmbx' is not a need of the model; did you mean 'bmb'?"),
        (8, "'date'"),
        (9, "'ho-okand' is not defined; an event happens at a unit, a handover or a SIP point"),
    ]


def test_missing_and_unknown_top_level_fields(tmp_path):
    text = case_text(EVENTS_OK).replace("label: {sv: Testfall, en: Test case}\n", "lable: {sv: x, en: y}\n")
    problems = problems_of(write(tmp_path, "bad.yaml", text))
    assert [p.message for p in problems] == ["unknown field 'lable'; did you mean 'label'?"], (
        "a misspelt field is one mistake"
    )


def test_until_before_the_last_event_is_an_error(tmp_path):
    problems = problems_of(write(tmp_path, "bad.yaml", case_text(EVENTS_OK, extra="until: 2026-03-01\n")))
    assert len(problems) == 1 and problems[0].line == 5 and "'until'" in problems[0].message


def test_yaml_syntax_error_has_a_line(tmp_path):
    problems = problems_of(write(tmp_path, "bad.yaml", case_text(EVENTS_OK) + "  - {date: 2026-03-07\n"))
    assert len(problems) == 1 and problems[0].line >= 8 and "YAML syntax" in problems[0].message


# --------------------------------------------------------------------------- the CLI
def test_trace_of_a_bad_case_prints_one_line_per_problem_and_exits_2(tmp_path):
    events = (
        "  - {date: 2026-03-09, event: inskrivning, at: vardavdelning}\n"
        "  - {date: 2026-03-06, event: utskrivning, at: ho-utskrivning-kommunal-rehab}\n"
        "  - {date: 2026-03-07, event: avslutt, at: vardavdelning}\n"
    )
    path = write(tmp_path, "bad.yaml", case_text(events))
    result = cli_subprocess("trace", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{path}:7:6: testfall: events out of order: 2026-03-06 comes after 2026-03-09; list the events in date order",
        f"{path}:8:24: testfall: 'avslutt' is not an event of the model; did you mean 'avslut'?; events: "
        + ", ".join(e.id for e in bundled().events),
    ]
    assert result.stdout == ""


def test_trace_refuses_personal_data_on_the_command_line_too(tmp_path):
    path = write(tmp_path, "pnr.yaml", case_text(EVENTS_OK).replace("Fiktiv patient.", "19121212-1212"))
    result = cli("trace", path)
    assert result.exit_code == 2
    assert f"{path}:4:7:" in result.stderr and "personnummer" in result.stderr
    assert "1212-1212" not in result.stderr


def test_cases_check_passes_on_the_bundled_cases_and_fails_on_a_bad_one(tmp_path):
    assert cli("cases", "check").exit_code == 0
    bad = write(tmp_path, "bad.yaml", case_text("  - {date: 2026-13-01, event: inskrivning, at: vardavdelning}\n"))
    result = cli("cases", "check", bad)
    assert result.exit_code == 2 and f"{bad}:6:" in result.stderr


def test_unknown_case_reference_is_a_clear_error():
    result = cli("trace", "no-such-case")
    assert result.exit_code == 2
    assert result.stderr.startswith("no-such-case:1:1: -: no such case file")
