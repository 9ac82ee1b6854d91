"""Cases from findings: every finding of the bundled model can be told as a patient's story."""

from __future__ import annotations

from pathways.cases.generate import generate_cases
from pathways.cases.load import load_case
from pathways.cases.trace import Tracer
from pathways.gaps.analyze import find_gaps
from pathways.gaps.config import load_config
from pathways.gaps.rules import all_rules
from tests.cases.helpers import MODEL, bundled, cli


def test_every_finding_of_the_bundled_model_has_a_generated_case_that_meets_it(tmp_path):
    """Runs every rule there is, so it holds for rules added later too."""
    model = bundled()
    findings = find_gaps(model, load_config(MODEL, all_rules()))
    assert findings, "the bundled model has findings"
    result = cli("cases", "generate", "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    tracer = Tracer(model, findings)
    files = {p.stem: p for p in tmp_path.glob("*.yaml")}
    assert len(files) == len(findings)
    not_met = []
    for f in findings:
        path = files[f"gen-{f.id.lower()}"]
        case = load_case(path, model)  # the written file is a valid case
        t = tracer.trace(case)
        if not t.meets(f.id):
            not_met.append(f.id)
        else:
            assert f.id in {fid for d in t.days for fid in d.findings}
    assert not_met == []


def test_generated_cases_are_short_and_their_profile_is_inside_the_finding():
    model = bundled()
    findings = find_gaps(model)
    tracer = Tracer(model, findings)
    for g in generate_cases(model, findings):
        assert g.met, g.finding.id
        if g.finding.profiles:
            assert any(all(g.case.profile[d] in vs for d, vs in cube.items()) for cube in g.finding.profiles)
        assert len(g.case.events) <= 6
        assert tracer.trace(g.case).meets(g.finding.id)


def test_a_handover_finding_gets_the_journey_to_the_handover():
    model = bundled()
    findings = [f for f in find_gaps(model) if f.rule == "PW103" and "ho-utskrivning-kommunal-rehab" in f.elements]
    assert findings
    (g,) = generate_cases(model, findings)
    assert [(e.event, e.at) for e in g.case.events] == [
        ("inskrivning", "vardavdelning"),
        ("utskrivning", "ho-utskrivning-kommunal-rehab"),
    ]
    assert g.case.profile["alder"] == "vuxen" and g.case.profile["besok"] == "kan-inte"
    assert g.trace.uncovered_days > 0, "the story shows the days without an owner"
