"""The what-if figure, rendered with Graphviz and read back from the SVG: the same element at
the same place in both panels, one plain sentence per change, the result in the title area,
labels clear of frames and boxes."""

from __future__ import annotations

import html
import re

import pytest

from pathways.cases.load import load_cases
from pathways.outputs.numbering import numbered
from pathways.outputs.render import Diagram, render_one
from pathways.outputs.style import short_unit
from pathways.outputs.whatif import whatif_diagram
from pathways.outputs.whatif_text import FORMS, change_notes, plural
from pathways.pipeline import analyse
from pathways.scenarios.load import load_scenarios
from tests.cases.helpers import CASES, SCENARIOS, bundled

GROUP = re.compile(r'<g id="[^"]+" class="(node|cluster|edge)">\s*<title>([^<]*)</title>(.*?)</g>', re.S)
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    """Each bundled scenario's figure: (comparison, DOT source, SVG text)."""
    model = bundled()
    analysis = analyse(model, load_cases(CASES, model), load_scenarios(SCENARIOS, model))
    items = numbered(analysis.findings)
    out = tmp_path_factory.mktemp("whatif")
    result = {}
    for c in analysis.comparisons:
        graph = whatif_diagram(model, c.changed, c.whatif, "sv", items, c.id, c.label["sv"])
        render_one(Diagram(f"whatif_{c.id}", "whatif", graph), out, ("svg",))
        result[c.id] = (c, graph.source, (out / f"whatif_{c.id}.svg").read_text(encoding="utf-8"))
    return result


def groups(svg: str, kind: str) -> dict[str, str]:
    """title -> the drawing of each node, cluster or edge of that kind."""
    return {html.unescape(title): body for k, title, body in GROUP.findall(svg) if k == kind}


def shape_box(body: str) -> tuple[float, float, float, float]:
    """The bounding box of a group's first shape (polygon or path)."""
    m = re.search(r'<(?:polygon|path)[^>]*?(?:points|d)="([^"]+)"', body)
    assert m, body[:200]
    values = [float(v) for v in NUMBER.findall(m.group(1))]
    xs, ys = values[0::2], values[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def texts(body: str) -> list[tuple[float, float, str]]:
    return [
        (float(x), float(y), html.unescape(t))
        for x, y, t in re.findall(r'<text[^>]*? x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>', body)
    ]


def test_every_shared_element_stands_at_the_same_place_in_both_panels(figures):
    for sid, (_c, _source, svg) in figures.items():
        nodes = groups(svg, "node")
        shared = [n[2:] for n in nodes if n.startswith("b_") and f"a_{n[2:]}" in nodes and "spine" not in n]
        assert len(shared) >= 3, sid
        moves = set()
        for name in shared:
            b, a = shape_box(nodes[f"b_{name}"]), shape_box(nodes[f"a_{name}"])
            moves.add((round(a[0] - b[0], 1), round(a[1] - b[1], 1), round(a[2] - b[2], 1), round(a[3] - b[3], 1)))
        assert len(moves) == 1, (sid, moves)
        (dx, dy, dx2, dy2) = moves.pop()
        assert dx == dx2 and dy == dy2 and (dx > 0 or dy > 0), (sid, dx, dy)
        edges = groups(svg, "edge")
        pairs = [e for e in edges if e.startswith("b_") and e.replace("b_", "a_") in edges]
        assert pairs, sid
        for e in pairs:
            b = [float(v) for v in NUMBER.findall(re.search(r' d="([^"]+)"', edges[e]).group(1))]
            a = [float(v) for v in NUMBER.findall(re.search(r' d="([^"]+)"', edges[e.replace("b_", "a_")]).group(1))]
            assert [round(x - y, 1) for x, y in zip(a, b, strict=True)] == [dx, dy] * (len(b) // 2), (sid, e)


def test_an_element_the_scenario_adds_is_only_in_the_right_panel_at_its_place(figures):
    c, _source, svg = figures["orebro-psykiatrisk-hemsjukvard"]
    added = [e.id for e in c.whatif.elements if e.collection == "handovers" and e.change == "added"]
    assert added
    h = c.changed.by_id[added[0]]
    nodes = groups(svg, "node")
    names = {n for n in nodes if h.from_.replace("-", "_") in n}
    assert any(n.startswith("a_") for n in names) and not any(n.startswith("b_") for n in names)


def test_every_change_is_one_plain_sentence(figures):
    c, _source, svg = figures["orebro-7-dagar"]
    words = " ".join(t for *_xy, t in texts(svg))
    base = bundled()
    senders = {base.by_id[e.id].from_ for e in c.whatif.elements if "sender_until" in e.fields}
    for sender in senders:
        name = short_unit(base, sender, "sv")  # as the map names it
        old = {base.by_id[e.id].sender_until for e in c.whatif.elements if base.by_id[e.id].from_ == sender}
        assert re.search(
            rf"{re.escape(name)} behåller patienten 7 dagar efter överlämningen till .*\(förut {old.pop()}\)", words
        )
    assert "avsändaren kvar" not in words and "≤ 0 d" not in words and "0 → 7" not in words
    notes = change_notes(base, c.changed, c.whatif, "sv")
    assert len(notes) == len(senders), "one sentence per sender, not one per handover"
    for i in range(1, len(notes) + 1):
        assert f"◆ {i} " in words


def test_the_headline_result_stands_in_the_title_area(figures):
    for sid, (c, _source, svg) in figures.items():
        counted = [
            x for x in c.whatif.cases if x.uncovered_days_before is not None and x.uncovered_days_after is not None
        ]
        title = " ".join(t for *_xy, t in texts(groups(svg, "node")["title"]))
        if counted:
            before = sum(x.uncovered_days_before for x in counted)
            after = sum(x.uncovered_days_after for x in counted)
            assert f"Dagar utan ägare i patientfallen: {before} → {after}" in title, sid
        n = len(c.whatif.resolved)
        assert (plural(n, FORMS["sv"]["resolved"]) if n else "inga lösta") in title, sid
        top = min(shape_box(b)[1] for t, b in groups(svg, "cluster").items() if t.startswith("cluster_panel"))
        assert all(y < top for _x, y, _t in texts(groups(svg, "node")["title"])), sid


def test_swedish_plurals():
    assert [plural(n, FORMS["sv"]["resolved"]) for n in (1, 2)] == ["1 löst", "2 lösta"]
    assert [plural(n, FORMS["sv"]["new"]) for n in (1, 3)] == ["1 nytt", "3 nya"]
    assert [plural(n, FORMS["sv"]["days"]) for n in (1, 7)] == ["1 dag", "7 dagar"]


def test_arrow_labels_stand_inside_their_panel_and_off_the_boxes(figures):
    for sid, (_c, _source, svg) in figures.items():
        clusters = groups(svg, "cluster")
        nodes = {n: shape_box(b) for n, b in groups(svg, "node").items() if n[:2] in ("a_", "b_") and "spine" not in n}
        for title, body in groups(svg, "edge").items():
            side = title[:2]
            x1, y1, x2, y2 = shape_box(clusters[f"cluster_panel_{side[0]}"])
            for x, y, text in texts(body):
                assert x1 < x < x2 and y1 < y < y2, (sid, title, text)
                inside = [n for n, (a, b, c, d) in nodes.items() if a < x < c and b < y < d]
                assert not inside, (sid, title, text, inside)
