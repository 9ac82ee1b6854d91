"""The management summary: findings grouped by cause, open questions apart, ordered by
what matters; the charts and the heat map readable when printed on A4."""

from __future__ import annotations

import re

from pathways.gaps.core import SEVERITIES
from pathways.outputs.numbering import numbered
from pathways.outputs.summary import causes, describe, fix_text

from .conftest import svg_measure

A4_TEXT_WIDTH_IN = 7.3
"""A4 portrait less the report's print margins, in inches."""


def test_every_finding_is_in_exactly_one_cause(bundled):
    items = numbered(bundled["findings"])
    grouped = causes(bundled["analysis"], items)
    numbers = [n for c in grouped for n in c.numbers]
    assert sorted(numbers) == [i.number for i in items]
    assert len(grouped) < len(items), "grouping by cause folds findings together"
    uncovered_home = [c for c in grouped if c.key == ("PW101", "hemmet")]
    assert len(uncovered_home) == 1 and len(uncovered_home[0].numbers) > 1


def test_open_questions_are_not_gaps(bundled):
    model = bundled["model"]
    grouped = causes(bundled["analysis"], numbered(bundled["findings"]))
    open_ = [c for c in grouped if c.open_question]
    assert open_, "the bundled BMB need is an open question"
    for c in open_:
        note = model.get(c.key[1]).note
        assert note.lower().startswith("öppen fråga")
    assert all(not c.open_question for c in grouped if c.key[0] != "open")


def test_causes_are_ordered_by_severity_then_days(bundled):
    grouped = [c for c in causes(bundled["analysis"], numbered(bundled["findings"])) if not c.open_question]
    rank = [(-SEVERITIES.index(c.severity), -c.days) for c in grouped]
    assert rank == sorted(rank)
    assert grouped[0].days > 0, "the cause that matters most is met by a patient case"


def test_an_open_age_is_said_as_all_ages(bundled):
    model = bundled["model"]
    assert describe(model, {"diagnos": ["psykiatrisk"]}, "sv").startswith("alla åldrar")
    assert describe(model, {"diagnos": ["psykiatrisk"]}, "en").startswith("any age")
    assert "alla" not in describe(model, {"alder": ["barn"], "diagnos": ["psykiatrisk"]}, "sv")


def test_fix_text_is_the_change_to_the_agreement():
    text = "Meaning. Källa: x. Åtgärd i överenskommelsen: ange vem som tar över."
    assert fix_text(text) == "Ange vem som tar över."
    assert fix_text("No fix here.") == "No fix here."


def test_summary_charts_are_readable_on_a4_and_keep_spaces(full_report):
    images = full_report.files["html"].parent / "bilder"
    for name in ("summary_kinds", "summary_cases", "gaps_uncovered", "gaps"):
        svg = (images / f"{name}.svg").read_text(encoding="utf-8")
        assert re.search(r'<svg [^>]*xml:space="preserve"', svg), name
        m = svg_measure(svg)
        printed = m["min_font"] * m["scale"] * min(1.0, A4_TEXT_WIDTH_IN / m["width"])
        assert printed >= 8, f"{name}: smallest text {printed:.1f} pt on A4"
