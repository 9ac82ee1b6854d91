"""The case journey diagram: who holds the patient when, a legend of what is drawn, honest spans."""

from __future__ import annotations

from datetime import timedelta

from pathways.cases.load import load_case
from pathways.cases.trace import Tracer
from pathways.outputs.journey import journey_diagram
from tests.cases.helpers import CASES, bundled, bundled_findings


def traced(case_file: str):
    model = bundled()
    t = Tracer(model, bundled_findings()).trace(load_case(CASES / case_file, model))
    return t, journey_diagram(model, t).source


def test_a_receiver_does_not_hold_the_patient_on_the_trigger_day():
    for path in sorted(CASES.glob("*.yaml")):
        t, _ = traced(path.name)
        by_day = {d.date: d for d in t.days}
        for h in t.handovers:
            before = by_day.get(h.date - timedelta(days=1))
            new = before is None or h.to_unit not in before.engaged
            others = [u for u in by_day[h.date].engaged if u != h.to_unit]
            if new and others:
                assert by_day[h.date].unit != h.to_unit, (t.case, h.id)


def test_the_legend_lists_only_the_symbols_the_diagram_uses():
    _, dot = traced("utskrivning-fredag.yaml")
    assert "◐" not in dot and "vissa av dagarna" not in dot, "no column where the holder changes: not in the legend"
    assert "⇢" in dot and "✗" in dot and "⬡" in dot


def test_a_column_of_several_days_gives_its_length_and_says_when_it_includes_a_weekend():
    _, dot = traced("gz3-habilitering-avslut.yaml")
    assert "d, med helg)" in dot
