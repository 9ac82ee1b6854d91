"""The case journey diagram: who holds the patient when, a legend of what is drawn, honest spans."""

from __future__ import annotations

from pathways.cases.load import load_case
from pathways.cases.trace import Tracer
from pathways.outputs.journey import journey_diagram
from tests.cases.helpers import CASES, bundled, bundled_findings


def source_of(case_file: str) -> tuple[object, str]:
    model = bundled()
    t = Tracer(model, bundled_findings()).trace(load_case(CASES / case_file, model))
    return t, journey_diagram(model, t).source


def test_a_receiver_does_not_hold_the_patient_on_the_trigger_day():
    t, _ = source_of("habilitering-till-kommunal-rehab.yaml")
    end = next(d for d in t.days if d.date.isoformat() == "2026-06-15")
    assert end.unit == "habiliteringen" and "kommunal-rehab-ordinart" in end.engaged
    assert next(d for d in t.days if d.date.isoformat() == "2026-06-16").unit == "kommunal-rehab-ordinart"


def test_the_legend_lists_only_the_symbols_the_diagram_uses():
    _, dot = source_of("habilitering-till-kommunal-rehab.yaml")
    assert "◐" not in dot, "no column where the holder changes: no half symbol, in the table or the legend"
    assert "⬡" not in dot, "no SIP in the journey: no SIP symbol"
    assert "⇢" in dot and "✗" in dot


def test_a_column_of_several_days_gives_its_length_and_says_it_includes_a_weekend():
    _, dot = source_of("habilitering-till-kommunal-rehab.yaml")
    assert "2/6–14/6<BR/>(13 d, med helg)" in dot
    assert "16/6–19/6<BR/>(4 d)" in dot
