"""Tracing cases day by day: owners, gaps, handovers, SIPs, findings met, the CLI."""

from __future__ import annotations

import json
from datetime import date

from pathways.cases.load import load_case
from pathways.cases.trace import TraceOptions, Tracer
from pathways.cases.trace import trace as trace_with
from pathways.gaps.analyze import find_gaps
from tests.cases.helpers import CASES, bundled, bundled_findings, case_text, cli, write

REHAB_PASSED = ["rehabbedomning", "rehabplan", "behandling", "hjm-instruktion", "hjm-uppfoljning"]


def trace(model, case, options=None):
    return trace_with(model, case, bundled_findings(), options)


def day(t, iso: str):
    return next(d for d in t.days if d.date == date.fromisoformat(iso))


def friday(calendar: bool = False):
    model = bundled()
    return trace(model, load_case(CASES / "utskrivning-fredag.yaml", model), options=TraceOptions(calendar=calendar))


def test_friday_discharge_leaves_the_rehab_needs_without_owner_until_municipal_rehab_takes_over():
    t = friday()
    assert t.start == date(2026, 3, 2)
    friday_ = day(t, "2026-03-06")
    assert friday_.unit == "vardavdelning" and friday_.setting == "inneliggande"
    assert friday_.owners["rehabbedomning"] == ["vardavdelning"]
    assert friday_.uncovered == []
    for iso in ("2026-03-07", "2026-03-08"):
        d = day(t, iso)
        assert d.setting == "hemmet"
        assert d.uncovered == REHAB_PASSED
        assert d.owners == {"egenvardsbedomning": ["kommunal-hemsjukvard"]}
    monday = day(t, "2026-03-09")
    assert monday.uncovered == []
    assert monday.owners["rehabbedomning"] == ["kommunal-rehab-ordinart"]
    assert monday.unit == "kommunal-rehab-ordinart"
    assert [(g.need, g.start, g.end, g.cause) for g in t.gaps] == [
        (n, date(2026, 3, 7), date(2026, 3, 8), "ho-utskrivning-kommunal-rehab") for n in REHAB_PASSED
    ]


def test_with_the_calendar_the_weekend_does_not_count_and_the_gap_grows():
    t = friday(calendar=True)
    assert {g.end for g in t.gaps} == {date(2026, 3, 10)}
    assert day(t, "2026-03-10").uncovered == REHAB_PASSED
    assert day(t, "2026-03-11").owners["behandling"] == ["kommunal-rehab-ordinart"]
    assert t.uncovered_days == 4
    step = next(h for h in t.handovers if h.id == "ho-utskrivning-kommunal-rehab")
    assert step.receiver_from == date(2026, 3, 11) and step.sender_until == date(2026, 3, 6)


def test_the_discharge_time_gap_finding_is_met_on_the_gap_days():
    model = bundled()
    findings = find_gaps(model)
    time_gaps = [f for f in findings if f.rule == "PW103" and "ho-utskrivning-kommunal-rehab" in f.elements]
    assert time_gaps, "PW103 reports the discharge gap on ho-utskrivning-kommunal-rehab"
    t = Tracer(model, findings).trace(load_case(CASES / "utskrivning-fredag.yaml", model))
    met = {f.id: f for f in t.findings}
    assert time_gaps[0].id in met
    assert date(2026, 3, 7) in met[time_gaps[0].id].days
    assert time_gaps[0].id in day(t, "2026-03-07").findings
    assert time_gaps[0].id not in day(t, "2026-03-02").findings


def test_what_passes_at_each_handover_and_what_is_missing():
    t = friday()
    rehab = next(h for h in t.handovers if h.id == "ho-utskrivning-kommunal-rehab")
    assert rehab.passes == ["information"]
    assert rehab.missing == ["rehab_plan", "devices", "temporary_prescription_limit"]
    assert (rehab.from_unit, rehab.to_unit, rehab.outside_profile) == (
        "vardavdelning",
        "kommunal-rehab-ordinart",
        False,
    )
    missed = [s for s in t.sips if not s.held]
    assert [s.id for s in missed] == ["sip-utskrivning", "sip-inneliggande"], (
        "the law asks for a SIP at discharge to home healthcare, the agreement one at municipal rehab; "
        "the case holds none"
    )


def test_a_sip_held_records_participants_and_who_was_left_out():
    model = bundled()
    t = trace(model, load_case(CASES / "vag2-specialist-hemsjukvard.yaml", model))
    sip = next(s for s in t.sips if s.id == "sip-specialiserad-oppenvard")
    assert sip.held and sip.date == date(2026, 5, 20)
    assert "bistandshandlaggning" in sip.participants
    assert sip.not_in_contact == ["kommunal-rehab-ordinart", "bistandshandlaggning"]
    assert sip.in_contact_not_invited == []
    assert sip.id in day(t, "2026-05-20").sips


def test_a_child_discharged_home_has_needs_no_one_owns_and_meets_the_uncovered_need_findings():
    model = bundled()
    findings = find_gaps(model)
    t = Tracer(model, findings).trace(load_case(CASES / "barn-utskrivning.yaml", model))
    home = day(t, "2026-04-01")
    assert home.setting == "hemmet"
    assert "behandling" in home.uncovered and "hjm-uppfoljning" in home.uncovered
    met_rules = {f.rule for f in t.findings}
    assert "PW101" in met_rules
    child_gaps = [f for f in findings if f.rule == "PW101" and any(c.get("alder") == ["barn"] for c in f.profiles)]
    assert {f.id for f in t.findings} & {f.id for f in child_gaps}
    referral = next(h for h in t.handovers if h.id == "ho-specialist-hemrehab")
    assert referral.outside_profile, "specialised home rehab is for adults in the model"


def test_habilitation_ends_and_the_health_centre_holds_the_rent_but_not_the_follow_up():
    model = bundled()
    t = trace(model, load_case(CASES / "gz3-habilitering-avslut.yaml", model))
    end = day(t, "2026-06-01")
    assert "habiliteringen" in end.owners["hjm-hyra"]
    after = day(t, "2026-06-02")
    assert "habiliteringen" not in after.engaged, "the end of contact ends habilitation's contact"
    assert after.owners["hjm-hyra"] == ["vardcentral"]
    assert after.via["hjm-hyra"] == ["ansvar-hyra-efter-hab-avslut"]
    assert "hjm-uppfoljning" not in after.owners, "no responsibility gives the health centre device follow-up"
    assert "hjm-uppfoljning" in after.uncovered
    lost = next(f for f in t.trace_findings if f.kind == "handover-not-owned")
    assert lost.element == "ho-habiliteringen-avslut-vc" and lost.needs == ["hjm-uppfoljning"]
    assert after.date in lost.days and lost.id in after.trace_findings


def test_ends_false_keeps_the_contact_and_ends_true_closes_it(tmp_path):
    model = bundled()
    base = "  - {date: 2026-03-02, event: inskrivning, at: vardavdelning}\n"
    kept = load_case(
        write(
            tmp_path,
            "a.yaml",
            case_text(base + "  - {date: 2026-03-04, event: avslut, at: vardavdelning, ends: false}\n"),
        ),
        model,
    )
    closed = load_case(
        write(
            tmp_path,
            "b.yaml",
            case_text(base + "  - {date: 2026-03-04, event: forskrivning, at: vardavdelning, ends: true}\n"),
        ),
        model,
    )
    t_kept, t_closed = trace(model, kept), trace(model, closed)
    assert day(t_kept, "2026-03-05").engaged == ["vardavdelning"]
    assert day(t_closed, "2026-03-05").engaged == []
    assert day(t_closed, "2026-03-05").setting == "hemmet", "after the contact ends the patient is at home"


def test_declared_needs_with_no_owner_are_red_days(tmp_path):
    model = bundled()
    case = load_case(
        write(
            tmp_path,
            "bmb.yaml",
            case_text(
                "  - {date: 2026-03-02, event: inskrivning, at: vardavdelning}\n",
                extra="needs: [bmb]\nuntil: 2026-03-04\n",
            ),
        ),
        model,
    )
    t = trace(model, case)
    assert [d.uncovered for d in t.days] == [["bmb"]] * 3
    assert [(g.need, g.days, g.cause) for g in t.gaps] == [("bmb", 3, "declared")]


def test_as_dict_is_plain_data_for_the_swimlane_diagram():
    t = friday()
    data = json.loads(json.dumps(t.as_dict()))
    assert data["case"] == "utskrivning-fredag" and data["uncovered_days"] == 2
    d = data["days"][5]
    assert set(d) >= {
        "date",
        "weekday",
        "unit",
        "setting",
        "engaged",
        "owners",
        "via",
        "uncovered",
        "events",
        "handovers",
        "sips",
        "findings",
    }
    assert d["date"] == "2026-03-07" and d["weekday"] == 6 and d["uncovered"] == REHAB_PASSED
    assert data["labels"]["kommunal-rehab-ordinart"]["sv"] == "Kommunal rehabilitering i ordinärt boende"
    assert data["handovers"][1]["receiver_from"] == "2026-03-09"


def test_every_bundled_case_traces():
    model = bundled()
    tracer = Tracer(model, bundled_findings())
    for path in sorted(CASES.glob("*.yaml")):
        t = tracer.trace(load_case(path, model))
        assert t.days and t.days[0].date == t.start
        assert all(d.setting for d in t.days)


def test_trace_cli_table_in_swedish_and_english_and_json():
    sv = cli("trace", "utskrivning-fredag")
    assert sv.exit_code == 0, sv.stderr
    assert "Dag för dag" in sv.stdout and "Utan ägare" in sv.stdout and "Bedömning av" in sv.stdout
    en = cli("trace", "utskrivning-fredag", "--lang", "en")
    assert "Day by day" in en.stdout and "No owner" in en.stdout and "Rehab-need assessment" in en.stdout
    js = cli("trace", str(CASES / "utskrivning-fredag.yaml"), "--format", "json", "--calendar")
    data = json.loads(js.stdout)
    assert data["calendar"] is True and data["uncovered_days"] == 4


def test_the_trace_reads_at_80_columns_and_names_the_owned_needs():
    from typer.testing import CliRunner

    from pathways.cli.main import app

    result = CliRunner().invoke(app, ["trace", "utskrivning-fredag"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    weekend = lines.index(next(line for line in lines if line.startswith("2026-03-07 lör – 2026-03-08 sön")))
    block = "\n".join(lines[weekend : weekend + 6])
    assert "Ägare: Kommunal hemsjukvård: Egenvårdsbedömning" in block
    assert "Utan ägare: Bedömning av rehabiliteringsbehov" in block
    assert "Väg: Väg 3: utskrivning från slutenvård" in result.stdout
