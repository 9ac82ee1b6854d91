"""One pipeline: ``pathways report`` runs each rule set once per model variant, and every
output renders what the pipeline found."""

from __future__ import annotations

from collections import Counter

from typer.testing import CliRunner

import pathways.gaps.analyze as analyze
from pathways.cli.main import app
from pathways.gaps.rules import all_rules
from pathways.model.load import load_model
from pathways.pipeline import analyse
from pathways.scenarios.load import load_scenarios

from .conftest import MODEL

runner = CliRunner()


def _counting(monkeypatch) -> Counter:
    runs: Counter = Counter()
    real = analyze.run_rules

    def counted(ctx, rules, *args, **kwargs):
        rules = list(rules)
        runs.update(r.code for r in rules)
        return real(ctx, rules, *args, **kwargs)

    monkeypatch.setattr(analyze, "run_rules", counted)
    return runs


def test_report_runs_each_rule_once_per_model_variant(monkeypatch, tmp_path):
    runs = _counting(monkeypatch)
    scenarios = ["orebro-7-dagar", "sip-under-vardtiden"]
    args = ["report", str(MODEL), "--out", str(tmp_path), "--format", "html,md"]
    args += ["--case", "utskrivning-fredag", "--case", "gz9-bmb"]
    for s in scenarios:
        args += ["--scenario", s]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert runs == Counter({rule.code: 1 + len(scenarios) for rule in all_rules()})


def test_analysis_is_what_every_output_is_given(monkeypatch):
    model = load_model(MODEL)
    scenarios = load_scenarios(MODEL / "scenarios", model)
    runs = _counting(monkeypatch)
    a = analyse(model, [], scenarios)
    assert set(runs.values()) == {1 + len(scenarios)}
    assert [c.id for c in a.comparisons] == [s.id for s in scenarios]
    for c in a.comparisons:
        base = {f.id for f in a.findings}
        assert {f.id for f in c.whatif.resolved} <= base
        assert not ({f.id for f in c.whatif.new} & base)
