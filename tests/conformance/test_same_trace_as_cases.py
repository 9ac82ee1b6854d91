"""Each bundled case, written as a journey log, is judged by the same trace as `pathways trace`."""

from __future__ import annotations

from collections import Counter

from pathways.cases.load import load_cases
from pathways.cases.trace import Tracer
from pathways.conformance.run import Options, run_conformance

from .conftest import ROOT, write_log


def as_log(case, model) -> list[str]:
    rows = []
    for i, e in enumerate(case.events):
        kind = model.kind_of[e.at]
        unit, where = (e.at, "") if kind == "units" else ("", e.at)
        need = case.needs[i] if i < len(case.needs) else ""
        rows.append(f"{case.id};{e.date};{e.event};{unit};;{need};{where};")
    return rows


def test_days_without_an_owner_and_sips_match_the_trace_of_each_case(tmp_path, model):
    # the profile table holds one value per dimension: cases with several diagnoses are left out;
    # a case's dated profile changes are rows dated from their day
    cases = [
        c
        for c in load_cases(ROOT / "model" / "cases", model)
        if len(c.needs) <= len(c.events) and all(len(v) == 1 for _, step in c.profile_steps() for v in step.values())
    ]
    assert any(c.changes for c in cases), "a case whose profile changes is replayed too"
    tracer = Tracer(model)
    dims = [d.id for d in model.dimensions]
    rows = [r for c in cases for r in as_log(c, model)]
    log = write_log(tmp_path / "logg.csv", rows)
    prof = tmp_path / "p.csv"
    table = [
        f"{c.id};{day if i else ''};" + ";".join(step[d][0] for d in dims)
        for c in cases
        for i, (day, step) in enumerate(c.profile_steps())
    ]
    prof.write_text("\n".join(["resa;från;" + ";".join(dims), *table]) + "\n", encoding="utf-8")
    found = {}
    result = run_conformance(
        model, log, prof, options=Options(threshold=3), each=lambda j, a: found.setdefault(j.id, a)
    )
    assert result.problems == []
    uncovered_somewhere = 0
    for case in cases:
        t = tracer.trace(case.model_copy(update={"until": None}))
        expected = Counter(n for d in t.days for n in d.uncovered)
        got = {d.element: d.days for d in found[case.id].deviations if d.kind == "need-without-owner"}
        assert got == dict(expected), case.id
        sips = {(s.id, "missing" if not s.held else "late") for s in t.sips if not s.held or s.on_time is False}
        assert {(d.element, d.kind[4:]) for d in found[case.id].deviations if d.kind.startswith("sip-")} == sips
        uncovered_somewhere += bool(expected)
    assert uncovered_somewhere >= 3


def test_a_scenario_is_judged_as_the_changed_model_traces_it(tmp_path, model):
    from pathways.cases.load import load_case
    from pathways.conformance.run import with_scenarios
    from pathways.scenarios.apply import apply_scenarios
    from pathways.scenarios.load import load_scenario

    case = load_case(ROOT / "model" / "cases" / "utskrivning-fredag.yaml", model)
    dims = [d.id for d in model.dimensions]
    log = write_log(tmp_path / "logg.csv", as_log(case, model))
    prof = tmp_path / "p.csv"
    prof.write_text(
        f"resa;från;{';'.join(dims)}\n{case.id};;{';'.join(case.profile[d] for d in dims)}\n", encoding="utf-8"
    )
    changed = apply_scenarios(model, [load_scenario(ROOT / "model" / "scenarios" / "orebro-7-dagar.yaml", model)])

    def days(m):
        found = {}
        run_conformance(m, log, prof, options=Options(threshold=3), each=lambda j, a: found.setdefault(j.id, a))
        return {d.element: d.days for d in found[case.id].deviations if d.kind == "need-without-owner"}

    def traced(m):
        t = Tracer(m).trace(case.model_copy(update={"until": None}))
        return dict(Counter(n for d in t.days for n in d.uncovered))

    before = days(model)
    after = days(with_scenarios(model, ["orebro-7-dagar"], ROOT / "model"))
    assert before == traced(model) and after == traced(changed)
    assert sum(after.values()) < sum(before.values())
