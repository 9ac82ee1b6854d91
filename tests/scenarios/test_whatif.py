"""What-if: the bundled scenarios do what their sources say, and `pathways whatif` reports it."""

from __future__ import annotations

import json

from pathways.cases.load import load_cases
from pathways.gaps.analyze import find_gaps
from pathways.model.model import Model
from pathways.scenarios.apply import apply_scenarios
from pathways.scenarios.load import load_scenario, load_scenarios
from pathways.scenarios.whatif import WhatIf, compare
from tests.cases.helpers import CASES, SCENARIOS, bundled, cli, write
from tests.excel_csv import read_excel_csv

SPECIALISED = {"specialiserad-vard", "slutenvard", "specialiserad-oppenvard"}


def whatif(*ids: str) -> tuple[Model, WhatIf]:
    model = bundled()
    scenarios = [load_scenario(SCENARIOS / f"{i}.yaml", model) for i in ids]
    changed = apply_scenarios(model, scenarios)
    return changed, compare(model, changed, load_cases(CASES, model), scenarios=scenarios)


def case_change(w: WhatIf, case_id: str):
    return next((c for c in w.cases if c.case == case_id), None)


# --------------------------------------------------------------------------- 7 days (Örebro)
def test_seven_days_resolves_the_discharge_time_gap_on_the_inpatient_route():
    model = bundled()
    changed, w = whatif("orebro-7-dagar")
    h_before, h_after = model.by_id["ho-utskrivning-kommunal-rehab"], changed.by_id["ho-utskrivning-kommunal-rehab"]
    assert h_before.sender_until < h_before.receiver_from, "the baseline has the gap"
    assert h_after.sender_until >= h_after.receiver_from, "the scenario closes it in the model"
    for hid in ("ho-utskrivning-hemsjukvard", "ho-utskrivning-sarskilt-boende", "ho-rehabavdelning-kommunal-rehab"):
        assert changed.by_id[hid].sender_until == 7
    base_gaps = [f for f in find_gaps(model) if f.rule == "PW103" and "ho-utskrivning-kommunal-rehab" in f.elements]
    assert base_gaps, "PW103 reports the discharge time gap in the baseline"
    assert {f.id for f in base_gaps} <= {f.id for f in w.resolved}
    assert not [f for f in find_gaps(changed) if f.rule == "PW103" and "ho-utskrivning-kommunal-rehab" in f.elements]
    assert not w.new


def test_seven_days_gives_the_friday_patient_an_owner_every_day():
    _, w = whatif("orebro-7-dagar")
    friday = case_change(w, "utskrivning-fredag")
    assert friday is not None and friday.status == "changed"
    assert (friday.uncovered_days_before, friday.uncovered_days_after) == (4, 0), "Friday + 3 working days"
    saturday = next(d for d in friday.after.days if d.date.isoformat() == "2026-03-07")
    assert saturday.owners["rehabbedomning"] == ["vardavdelning"]
    assert saturday.via["rehabbedomning"] == ["ho-utskrivning-kommunal-rehab"]
    assert "2026-03-07" in friday.days_changed


# --------------------------------------------------------------------------- children (Örebro)
def test_children_scenario_moves_ownership_for_the_child_profiles_to_specialised_care():
    changed, w = whatif("orebro-barn-specialiserad")
    child_rows = [o for o in w.ownership if all(c.get("alder") == ["barn"] for c in o.profiles)]
    assert child_rows, "ownership changes for children"
    assert len(child_rows) == len(w.ownership), "only children's ownership changes"
    moved_from_elsewhere = 0
    for row in child_rows:
        assert row.after, f"{row.need} in {row.setting} has an owner after the change"
        # every owner after is specialised care, except the device centre, which serves every level
        levels = {changed.by_id[o.unit].care_level for o in row.after if changed.by_id[o.unit].kind != "device_centre"}
        assert levels and levels <= SPECIALISED, (row.need, row.setting, [o.unit for o in row.after])
        if not row.before or {bundled().by_id[o.unit].care_level for o in row.before} - SPECIALISED:
            moved_from_elsewhere += 1
    assert moved_from_elsewhere >= 10
    at_home = [r for r in child_rows if r.setting == "hemmet" and r.need == "behandling"]
    assert at_home and not at_home[0].before and [o.unit for o in at_home[0].after] == ["hemrehab-specialiserad"]


def test_children_scenario_resolves_the_child_uncovered_need_findings_and_changes_the_child_case():
    model = bundled()
    _, w = whatif("orebro-barn-specialiserad")
    only_children = [
        f
        for f in find_gaps(model)
        if f.rule == "PW101"
        and f.profiles
        and all(c.get("alder") == ["barn"] for c in f.profiles)
        and not any(
            model.get(e) is not None and getattr(model.get(e), "category", None) == "nursing" for e in f.elements
        )
    ]
    assert only_children
    assert {f.id for f in only_children} <= {f.id for f in w.resolved}
    assert not w.new
    child = case_change(w, "barn-utskrivning")
    assert child is not None and child.uncovered_days_after < child.uncovered_days_before
    last = child.after.days[-1]
    assert last.owners["behandling"] == ["hemrehab-specialiserad"] and last.uncovered == []


# --------------------------------------------------------------------------- the other bundled scenarios
def test_devices_before_discharge_pass_devices_and_the_temporary_prescription_limit():
    changed, w = whatif("hjalpmedel-fore-utskrivning")
    for hid in ("ho-utskrivning-kommunal-rehab", "ho-utskrivning-hemsjukvard", "ho-utskrivning-sarskilt-boende"):
        assert {"devices", "temporary_prescription_limit"} <= set(changed.by_id[hid].passes)
    resolved_on = {e for f in w.resolved if f.rule == "PW104" for e in f.elements}
    assert "ho-utskrivning-hemsjukvard" in resolved_on
    preop = case_change(w, "gz8-preop-hjalpmedel")
    assert preop is not None
    step = next(h for h in preop.after.handovers if h.id == "ho-utskrivning-hemsjukvard")
    assert step.missing == [] and "devices" in step.passes


def test_sip_during_the_stay_brings_in_the_needs_assessor():
    changed, w = whatif("sip-under-vardtiden")
    sip = changed.by_id["sip-inneliggande"]
    assert "bistandshandlaggning" in sip.participants and (sip.after, sip.within_days) == ("utskrivning", 0)
    missing_assessor = [f for f in w.resolved if f.rule == "PW110" and "sip-inneliggande" in f.elements]
    assert missing_assessor
    case = case_change(w, "gz2-bistand-i-sip")
    assert case is not None
    held = next(s for s in case.after.sips if s.id == "sip-inneliggande")
    assert held.on_time is True and "bistandshandlaggning" in held.participants


def test_psychiatric_home_healthcare_gives_rehab_at_home_to_psychiatric_patients():
    changed, w = whatif("orebro-psykiatrisk-hemsjukvard")
    assert "ho-vuxenpsykiatri-hemsjukvard" in changed.by_id
    rows = [o for o in w.ownership if o.setting == "hemmet" and o.need == "behandling"]
    assert rows and all("kommunal-rehab-ordinart" in [x.unit for x in r.after] for r in rows)
    assert all(c.get("diagnos") == ["psykiatrisk"] for r in rows for c in r.profiles)
    case = case_change(w, "psykiatrisk-hemsjukvard")
    assert case is not None and case.uncovered_days_after < case.uncovered_days_before


def test_all_bundled_scenarios_together():
    model = bundled()
    scenarios = load_scenarios(SCENARIOS, model)
    changed = apply_scenarios(model, scenarios)
    w = compare(model, changed, load_cases(CASES, model), scenarios=scenarios)
    assert len(w.scenarios) == len(scenarios) >= 5
    ids_before = {f.id for f in find_gaps(model)}
    assert {f.id for f in w.resolved} | {f.id for f in w.unchanged} == ids_before
    assert {c.case for c in w.cases} >= {"utskrivning-fredag", "barn-utskrivning", "psykiatrisk-hemsjukvard"}
    assert set(w.cases_unchanged).isdisjoint({c.case for c in w.cases})
    data = json.loads(json.dumps(w.as_dict()))
    assert data["summary"]["resolved"] == len(w.resolved)


# --------------------------------------------------------------------------- the CLI
HEAD = (
    "id: {id}\nlabel: {{sv: T, en: T}}\nsource: {{doc: domain}}\nstatus: assumption\nrationale: Ett test.\nchanges:\n"
)


def test_whatif_formats():
    table = cli("whatif", "orebro-7-dagar")
    assert table.exit_code == 0, table.stderr
    assert "Lösta fynd" in table.stdout and "Patientfall som ändras" in table.stdout
    english = cli("whatif", "orebro-7-dagar", "--lang", "en")
    assert "Findings resolved" in english.stdout
    js = json.loads(cli("whatif", "orebro-7-dagar", "orebro-barn-specialiserad", "--format", "json").stdout)
    assert [s["id"] for s in js["scenarios"]] == ["orebro-7-dagar", "orebro-barn-specialiserad"]
    rows = read_excel_csv(cli("whatif", "orebro-barn-specialiserad", "--format", "csv").stdout_bytes.decode("utf-8"))
    assert {r["Del"] for r in rows} >= {"Lösta fynd", "Oförändrade fynd", "Ändrat ägarskap", "Ändrade element"}
    assert {r["Allvar"] for r in rows if r["Allvar"]} <= {"allvarligt", "varning", "upplysning"}
    english = read_excel_csv(
        cli("whatif", "orebro-barn-specialiserad", "--format", "csv", "--lang", "en").stdout_bytes.decode("utf-8")
    )
    assert [r["Id"] for r in english] == [r["Id"] for r in rows]
    assert "Patient cases whose trace changes" in {r["Section"] for r in english}
    md = cli("whatif", "--all", "--format", "markdown").stdout
    assert md.startswith("# Vad händer om") and "| " in md


def test_fail_on_counts_only_new_findings(tmp_path):
    new_need = write(
        tmp_path,
        "need.yaml",
        HEAD.format(id="ny")
        + (
            "  - add: needs\n"
            "    element: {id: testbehov, label: {sv: Testbehov, en: Test need}, category: coordination, source: {doc: domain}, status: assumption, note: Test.}\n"
        ),
    )
    result = cli("whatif", new_need, "--fail-on", "error")
    assert result.exit_code == 1, "a need no one owns is a new error finding"
    assert "nya fynd" in result.stderr
    label_only = write(
        tmp_path, "label.yaml", HEAD.format(id="etikett") + "  - {set: lakare, field: label.sv, value: Doktor}\n"
    )
    assert cli("whatif", label_only, "--fail-on", "info").exit_code == 0
    # existing findings at error severity do not fail the run: only new ones do
    assert cli("whatif", "orebro-7-dagar", "--fail-on", "warning").exit_code == 0


def test_whatif_with_calendar_runs():
    result = cli("whatif", "orebro-7-dagar", "--calendar", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    friday = next(c for c in data["cases"] if c["case"] == "utskrivning-fredag")
    assert (friday["uncovered_days_before"], friday["uncovered_days_after"]) == (4, 0)


def test_whatif_compares_a_case_that_fits_only_the_changed_model(tmp_path):
    from pathways.cases.trace import TraceOptions as _Options
    from pathways.cases.trace import Tracer as _Tracer
    from pathways.gaps.analyze import find_gaps as _find
    from pathways.scenarios.apply import apply_scenarios as _apply
    from pathways.scenarios.load import load_scenario_refs as _refs
    from pathways.scenarios.whatif import case_changes, cases_for_whatif
    from tests.cases.helpers import MODEL, bundled, case_text, write

    base = bundled()
    changed = _apply(base, _refs(["orebro-psykiatrisk-hemsjukvard"], MODEL, base))
    psych = (
        "{alder: vuxen, boende: ordinart, besok: kan-inte, hemsjukvard: inskriven, diagnos: psykiatrisk, social: nej}"
    )
    events = (
        "  - {date: 2026-05-04, event: forsta-besok, at: vuxenpsykiatri}\n"
        "  - {date: 2026-05-06, event: vardbegaran, at: ho-vuxenpsykiatri-hemsjukvard}\n"
    )
    new_only = write(tmp_path, "ny.yaml", case_text(events, psych))
    neither = write(tmp_path, "fel.yaml", case_text("  - {date: 2026-05-04, event: forsta-besok, at: ingenstans}\n"))
    cases, problems = cases_for_whatif([new_only, neither], base, changed)
    assert [c.id for c in cases] == ["testfall"]
    assert [p.file for p in problems] == [str(neither)]
    options = _Options()
    rows, same = case_changes(_Tracer(base, _find(base), options), _Tracer(changed, _find(changed), options), cases)
    assert same == [] and [(r.status, r.uncovered_days_before) for r in rows] == [("only_after", None)]
    assert rows[0].after is not None and "ho-vuxenpsykiatri-hemsjukvard" in [h.id for h in rows[0].after.handovers]


def test_trace_with_a_scenario_applied():
    from tests.cases.helpers import cli

    plain = cli("trace", "utskrivning-fredag", "--format", "json")
    kept = cli("trace", "utskrivning-fredag", "--format", "json", "--scenario", "orebro-7-dagar")
    assert plain.exit_code == 0 and kept.exit_code == 0, kept.stderr
    import json as _json

    assert _json.loads(plain.stdout)["uncovered_days"] == 4, "Friday + 3 working days: Saturday to Tuesday"
    assert _json.loads(kept.stdout)["uncovered_days"] == 0, "the ward keeps the needs 7 days (Örebro)"
    bad = cli("trace", "utskrivning-fredag", "--scenario", "finns-inte")
    assert bad.exit_code == 2
