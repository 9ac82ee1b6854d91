"""The national diagrams: a model past the size threshold is drawn per county, readable on A4."""

from __future__ import annotations

import re

import pytest

from pathways.analysis.coverage import unit_principals
from pathways.model.load import load_model
from pathways.outputs.national import AGGREGATE_HANDOVERS, aggregated, families, family, heat_pages, heat_rows
from pathways.outputs.numbering import numbered
from pathways.outputs.page import A4_LANDSCAPE, A4_PORTRAIT
from pathways.outputs.render import SVG_SLACK, build, render
from pathways.pipeline import analyse
from pathways.synth import synthesize, write_synth
from tests.outputs.conftest import svg_measure


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    out = tmp_path_factory.mktemp("national")
    write_synth(synthesize(3, 10, 0), out, scenarios=False)
    analysis = analyse(load_model(out))
    return {"analysis": analysis, "sv": build(analysis, "sv"), "en": build(analysis, "en")}


def _county(model, unit_id):
    return model.by_id[unit_principals(model, unit_id)[0]].county


def test_past_the_threshold_the_model_is_drawn_per_county(synth, bundled_diagrams):
    model = synth["analysis"].model
    assert len(model.handovers) > AGGREGATE_HANDOVERS and aggregated(model)
    assert not aggregated(model, limit=len(model.handovers))
    counties = sorted({p.county for p in model.principals})
    names = [d.name for d in synth["sv"]]
    assert names[0] == "national"
    for c in counties:
        assert f"region_{c}" in names and f"gaps_{c}" in names
    assert "heatmap_1" in names and "overview" not in names
    assert not any(n.startswith(("route_", "matrix")) for n in names)
    bundled = [d.name for d in bundled_diagrams]
    assert "overview" in bundled and "national" not in bundled


def test_national_overview_counts_each_countys_units_and_handovers(synth):
    model = synth["analysis"].model
    src = next(d for d in synth["sv"] if d.name == "national").source
    for c in sorted({p.county for p in model.principals}):
        units = sum(1 for u in model.units if _county(model, u.id) == c)
        handovers = sum(1 for h in model.handovers if _county(model, h.from_) == c)
        region = next(p for p in model.principals if p.county == c and p.kind == "region")
        box = src.split(f"<B>{region.label.sv}</B>", 1)[1].split("</TABLE>", 1)[0]
        assert f"{units:,} verksamheter".replace(",", "\u00a0") in box
        assert f"{handovers:,} överlämningar".replace(",", "\u00a0") in box


def _numbers(src: str) -> set[int]:
    """Every finding number in a diagram's source: after a severity mark or ⚠, ranges expanded."""
    out: set[int] = set()
    for run in re.findall(r"(?:[●▲■]|⚠) ([0-9][0-9–, ]*)", src):
        for part in run.replace(" ", "").strip(",").split(","):
            if "–" in part:
                a, b = part.split("–")
                out.update(range(int(a), int(b) + 1))
            elif part:
                out.add(int(part))
    return out


def test_each_countys_gap_map_numbers_the_findings_that_concern_it(synth):
    analysis = synth["analysis"]
    summary = analysis.summary
    for county in summary.counties:
        want = {i.number for i in numbered(analysis.findings) if county.id in summary.places[i.finding.id].counties}
        src = next(d for d in synth["sv"] if d.name == f"gaps_{county.id}").source
        assert _numbers(src) == want, county.id
        plain = next(d for d in synth["sv"] if d.name == f"region_{county.id}").source
        assert not _numbers(plain)


def test_heat_map_counts_every_finding_in_each_place_it_concerns(synth):
    analysis = synth["analysis"]
    summary, items = analysis.summary, numbered(analysis.findings)
    blocks = heat_rows(analysis.model, summary, items, "sv")
    assert len(blocks) == len(summary.counties)
    counted: dict[str, int] = {}
    for rows in blocks:
        for _label, found in rows:
            for item in found:
                counted[item.finding.id] = counted.get(item.finding.id, 0) + 1
    for item in items:
        place = summary.places[item.finding.id]
        assert counted[item.finding.id] == (len(place.municipalities) or len(place.counties))
    assert set(families(items)) >= {family(i.finding.rule) for i in items}
    pages = heat_pages(blocks, per_page=12)
    assert [r for p in pages for r in p] == [r for b in blocks for r in b]
    assert all(len(p) <= 12 for p in pages)


def test_national_diagrams_fit_a4_with_text_of_8_pt_or_more(synth, tmp_path):
    diagrams = synth["sv"]
    render(diagrams, tmp_path, ("svg",))
    problems = []
    for d in diagrams:
        m = svg_measure((tmp_path / f"{d.name}.svg").read_text(encoding="utf-8"))
        m["width"] /= 1 + SVG_SLACK
        fits = any(m["width"] <= w + 0.1 and m["height"] <= h + 0.1 for w, h in (A4_LANDSCAPE, A4_PORTRAIT))
        if not fits or m["min_font"] * m["scale"] < 8 - 1e-6:
            problems.append(
                f"{d.name}: {m['width']:.2f}x{m['height']:.2f} in, text {m['min_font'] * m['scale']:.1f} pt"
            )
    assert not problems, "\n".join(problems)


def test_english_labels(synth):
    src = next(d for d in synth["en"] if d.name == "national").source
    assert "handovers" in src and "överlämningar" not in src
    heat = next(d for d in synth["en"] if d.name == "heatmap_1").source
    assert "Ownership" in heat and "Ansvar" not in heat
