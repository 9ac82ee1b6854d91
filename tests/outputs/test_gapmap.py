"""The gap map: one mark per cause, a list of the causes on the same page, readable on A4
in Swedish and English, also when the findings grow two to three times."""

from __future__ import annotations

import re

import pytest

from pathways.model.load import load_model
from pathways.outputs.colours import ROUTE_STYLE
from pathways.outputs.gapmap import CAUSE_MARKS, gap_map, groups, marked_causes, places
from pathways.outputs.heatmap import uncovered_heatmap
from pathways.outputs.numbering import numbered
from pathways.outputs.render import SVG_SLACK, Diagram, render
from pathways.outputs.style import A4_LANDSCAPE, A4_PORTRAIT
from pathways.pipeline import analyse

from .conftest import copy_model, edit_yaml, svg_measure

MIN_PT = 8
"""The smallest text on paper the gap map may have (the house rule for every diagram)."""


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The bundled model with 20 needs nobody owns and handovers that pass nothing: about
    2.5 times the bundled model's findings, most of them on places that already have some."""
    d = copy_model(tmp_path_factory.mktemp("grown"))

    def needs(doc):
        for k in range(20):
            doc["needs"].append(
                {
                    "id": f"omvardnad-{k}",
                    "label": {"sv": f"Omvårdnadsbehov nr {k + 1} i hemsjukvården", "en": f"Nursing need {k + 1}"},
                    "category": "coordination",
                    "source": {"doc": "seed-002", "section": "ICF-indelning"},
                    "status": "assumption",
                    "note": "Testfixtur.",
                }
            )

    def handovers(doc):
        for h in doc["handovers"]:
            h["passes"] = []
            h["receiver_needs"] = sorted({*h.get("receiver_needs", []), "information", "rehab_plan", "devices"})

    edit_yaml(d / "needs.yaml", needs)
    edit_yaml(d / "handovers.yaml", handovers)
    model = load_model(d)
    return analyse(model, [], [], model_dir=d)


def printed(svg: str) -> tuple[bool, float]:
    """Whether the SVG fits A4 (10 mm margins) and its smallest text in pt on paper."""
    m = svg_measure(svg)
    w = m["width"] / (1 + SVG_SLACK)
    fits = any(w <= a + 0.1 and m["height"] <= b + 0.1 for a, b in (A4_LANDSCAPE, A4_PORTRAIT))
    return fits, m["min_font"] * m["scale"]


def test_the_grown_fixture_has_two_to_three_times_the_findings(bundled, grown):
    assert 2 * len(bundled["findings"]) <= len(grown.findings) <= 3 * len(bundled["findings"])


@pytest.mark.parametrize("which", ["bundled", "grown"])
def test_gap_map_and_heat_map_read_on_a4_in_both_languages(bundled, grown, which, tmp_path):
    analysis = bundled["analysis"] if which == "bundled" else grown
    items = numbered(analysis.findings)
    diagrams = [
        Diagram(f"{kind}_{lang}", "gaps", build(analysis, items, lang))
        for lang in ("sv", "en")
        for kind, build in (("gaps", gap_map), ("heat", uncovered_heatmap))
    ]
    render(diagrams, tmp_path, ("svg",))
    problems = []
    for d in diagrams:
        fits, pt = printed((tmp_path / f"{d.name}.svg").read_text(encoding="utf-8"))
        least = MIN_PT if d.name.startswith("gaps") or which == "grown" else 10
        if not fits or pt < least - 1e-6:
            problems.append(f"{which} {d.name}: fits A4 {fits}, smallest text {pt:.1f} pt")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("which", ["bundled", "grown"])
def test_each_finding_is_in_exactly_one_line_of_the_list(bundled, grown, which):
    analysis = bundled["analysis"] if which == "bundled" else grown
    items = numbered(analysis.findings)
    marked = marked_causes(analysis, items, "sv")
    numbers = sorted(n for g in groups(marked, set(), "sv") for m in g.marks for n in m.cause.numbers)
    assert numbers == [i.number for i in items]
    assert len({m.letter for m in marked}) == len(marked)


def test_one_mark_per_cause_and_place_and_unplaced_causes_say_where(bundled):
    analysis = bundled["analysis"]
    items = numbered(analysis.findings)
    marked = marked_causes(analysis, items, "sv")
    at = places(analysis.model, items, marked)
    src = gap_map(analysis, items, "sv").source
    placed = set()
    for where in (at.units, at.handovers, at.sips):
        for ms in where.values():
            assert len(ms) == len(set(map(id, ms))), "a cause is marked once per place"
            placed |= {m.letter for m in ms}
    for m in marked:
        mark = re.escape(m.mark()).replace("\u00a0", "(?:\u00a0|&#160;)")
        count = len(re.findall(rf">{mark}<", src))
        if m.letter in placed:
            assert count >= 1, m.letter
        else:
            assert count == 0, m.letter
            assert f"{m.letter}: " in src, f"cause {m.letter} has no place on the map: the list says where"
    assert len(placed) < len(marked), "the bundled model has causes without a place (needs without owner)"


def test_severity_by_shape_and_colour_and_the_legend_shows_only_the_kinds_used(bundled):
    analysis = bundled["analysis"]
    items = numbered(analysis.findings)
    src = gap_map(analysis, items, "sv").source
    kinds = {m.kind for m in marked_causes(analysis, items, "sv")}
    assert len({shape for shape, _, _ in CAUSE_MARKS.values()}) == len(CAUSE_MARKS)
    assert len({bg for _, bg, _ in CAUSE_MARKS.values()}) == len(CAUSE_MARKS)
    for kind, text in (("error", "allvarligt glapp"), ("warning", "varning"), ("info", "upplysning")):
        assert (text in src) == (kind in kinds), kind


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def test_no_mark_colour_is_close_to_a_route_colour():
    routes = [_rgb(s["color"].split(":")[0]) for s in ROUTE_STYLE.values()]
    for kind, (_, bg, _) in CAUSE_MARKS.items():
        for r in routes:
            distance = sum((a - b) ** 2 for a, b in zip(_rgb(bg), r, strict=True)) ** 0.5
            assert distance > 100, (kind, bg, r)


def test_marks_on_arrows_are_tied_to_their_arrow(bundled):
    analysis = bundled["analysis"]
    src = gap_map(analysis, numbered(analysis.findings), "sv").source
    marked_edges = [line for line in src.splitlines() if " -> " in line and "BGCOLOR" in line]
    assert marked_edges
    assert all("decorate=true" in line or "xlabel=" in line for line in marked_edges)
