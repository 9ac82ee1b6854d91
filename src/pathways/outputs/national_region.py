"""One county of a national model: its overview and its gap map, units of one kind in one box.

The region's own units stand in the upper lane, the municipalities' in the lower one,
as in the overview of one county; a box is every unit of one kind (how many, in how many
municipalities) and an arrow every handover from one kind to another, with their number.
The county's routes into home healthcare are drawn as in the overview (Väg 1, 2, 3,
each in its colour and line style), summed over its municipalities. The gap map is the
same drawing with each finding's number on the box or arrow of the unit or handover it
names; the others are listed under the map.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import graphviz

from pathways.analysis.regions import MUNICIPALITY, County, Summary
from pathways.model.model import Model
from pathways.outputs.colours import GAP_BG, GREY, MUNICIPALITY_BG, REGION_BG, ROUTE_STYLE, VERMILLION
from pathways.outputs.escape import esc, html_label, lines, ranges
from pathways.outputs.hyphenate import hyphenate
from pathways.outputs.national import county_name, legend_blocks, number
from pathways.outputs.numbering import Anchors, Numbered, anchors, rule_titles
from pathways.outputs.overview import gap_rows
from pathways.outputs.page import PORTRAIT, finish, legend_table, new_graph
from pathways.texts import national_text, unit_kind


def _marks(model: Model, summary: Summary, county: County, mine: list[Numbered]) -> tuple[dict, dict, list]:
    """Numbers on the county's boxes (group id) and arrows (flow key), and the findings left over."""
    anc: Anchors = anchors(model, mine)
    boxes: dict[str, list[int]] = defaultdict(list)
    arrows: dict[tuple[str, str], list[int]] = defaultdict(list)
    placed: set[int] = set()

    def on_handover(h_id: str, n: int) -> None:
        h = model.by_id[h_id]
        key = (summary.group_of[h.from_], summary.group_of[h.to])
        if key in county.flows:
            arrows[key].append(n)
            placed.add(n)

    for h_id, nums in anc.handovers.items():
        for n in nums:
            on_handover(h_id, n)
    for s_id, nums in anc.sips.items():
        at = model.by_id[s_id].at
        for n in nums:
            if model.kind_of.get(at) == "handovers":
                on_handover(at, n)
            elif summary.group_of.get(at) in county.groups:
                boxes[summary.group_of[at]].append(n)
                placed.add(n)
    for u, nums in anc.units.items():
        gid = summary.group_of[u]
        if gid in county.groups:
            boxes[gid].extend(nums)
            placed.update(nums)
    left = [i for i in mine if i.number not in placed]
    return boxes, arrows, left


def _box(lang: str, group, numbers: list[int] | None, severity: dict[int, str]) -> str:
    n = number(len(group.units), lang)
    count = national_text(lang, "units_short", n=n)
    if group.side == MUNICIPALITY:
        count += " " + national_text(lang, "in_towns", n=group.municipalities)
    name = "<BR/>".join(esc(x) for x in hyphenate(unit_kind(lang, group.kind), 15))
    rows = f"<TR><TD><B>{name}</B></TD></TR><TR><TD>{esc(count)}</TD></TR>"
    if numbers:
        rows += gap_rows(sorted(set(numbers)), 3, severity)
    return html_label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>')


def _rows(model: Model, county: County) -> list[list[str]]:
    """The county's groups in rows, top down: the region's care levels in the model's order,
    then the municipalities'; a group stands at the care level most of its units have."""
    order = {c.id: k for k, c in enumerate(model.care_levels)}
    rows: dict[tuple[bool, int], list[str]] = defaultdict(list)
    for gid, group in county.groups.items():
        levels: dict[int, int] = defaultdict(int)
        for u in group.units:
            levels[order.get(model.by_id[u].care_level or "", len(order))] += 1
        rows[(group.side == MUNICIPALITY, min(levels, key=lambda k: (-levels[k], k)))].append(gid)
    return [rows[k] for k in sorted(rows)]


def _lanes(
    canvas: graphviz.Digraph, model: Model, county: County, lang: str, ids: dict[str, str], draw_box
) -> dict[str, int]:
    """Both lanes, each group in its row; returns group id -> row number."""
    rows = _rows(model, county)
    row_of = {gid: k for k, row in enumerate(rows) for gid in row}
    for side in ("region", MUNICIPALITY):
        mine = [row for row in rows if (county.groups[row[0]].side == MUNICIPALITY) == (side == MUNICIPALITY)]
        if not mine:
            continue
        if side == MUNICIPALITY:
            title, bg = national_text(lang, "municipal_side", n=len(county.municipalities)), MUNICIPALITY_BG
        else:
            title, bg = national_text(lang, "region_side", name=county_name(model, county, lang)), REGION_BG
        with canvas.subgraph(name=f"cluster_{side}") as lane:
            lane.attr(label=f"<<B>{esc(title)}</B>>", style="filled", fillcolor=bg, color=GREY, labeljust="l")
            for row in mine:
                with lane.subgraph() as r:
                    r.attr(rank="same")
                    for gid in row:
                        draw_box(r, gid)
    for upper, lower in itertools.pairwise(rows):
        canvas.edge(ids[upper[0]], ids[lower[0]], style="invis", weight="0")
    return row_of


def county_map(
    model: Model, summary: Summary, county: County, mine: list[Numbered] | None, lang: str = "sv"
) -> graphviz.Digraph:
    """A county's overview; with ``mine`` (its findings, numbered), its gap map."""
    overlay = mine is not None
    boxes, arrows, left = _marks(model, summary, county, mine) if mine is not None else ({}, {}, [])
    severity = {i.number: i.finding.severity for i in mine or []}
    name = f"{'gaps' if overlay else 'region'}_{county.id}"
    g, canvas = new_graph(name, PORTRAIT, rankdir="TB", nodesep="0.08", ranksep="0.2")
    ids = {gid: f"g{k}" for k, gid in enumerate(county.groups)}

    def draw_box(sub: graphviz.Digraph, gid: str) -> None:
        marked = bool(boxes.get(gid))
        attrs = {"color": VERMILLION, "penwidth": "2.5", "fillcolor": GAP_BG} if marked else {}
        sub.node(ids[gid], _box(lang, county.groups[gid], boxes.get(gid), severity), **attrs)

    row_of = _lanes(canvas, model, county, lang, ids, draw_box)
    routes = {key: k for k, key in enumerate((f.source, f.target) for f in county.route_flows()[:3])}
    for key, flow in county.flows.items():
        attrs = {"penwidth": "1.3"}
        if row_of[key[1]] < row_of[key[0]]:
            attrs["constraint"] = "false"
        text = national_text(lang, "flow_n", n=number(len(flow.handovers), lang))
        if key in routes:
            k = routes[key] + 1
            rs = ROUTE_STYLE[k]
            attrs.update(
                color=rs["color"],
                style=rs["style"],
                penwidth="3" if k != 3 else "1.6",
                fontcolor=rs.get("text", rs["color"]),
            )
            text = national_text(lang, "route_flow", k=k, n=number(len(flow.handovers), lang))
        head = f"<B>{esc(text)}</B>" if key in routes else esc(text)
        nums = arrows.get(key)
        body = f"<TR><TD>{head}</TD></TR>" + (gap_rows(sorted(set(nums)), 3, severity) if nums else "")
        attrs["label"] = html_label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{body}</TABLE>')
        canvas.edge(ids[key[0]], ids[key[1]], **attrs)
    title = national_text(
        lang, "region_gaps_title" if overlay else "region_title", name=county_name(model, county, lang)
    )
    blocks = legend_blocks(model, summary, lang, with_gaps=overlay, arrow="arrow_count")
    if left:
        blocks.append((f"<B>{esc(national_text(lang, 'other_places'))}</B>", [_left_text(left, lang)], 1))
    return finish(g, canvas, title, model, lang, legend_table(blocks, model, lang), national_text(lang, "region_note"))


def _left_text(left: list[Numbered], lang: str) -> str:
    titles = rule_titles()
    by_rule: dict[str, list[int]] = defaultdict(list)
    for item in left:
        by_rule[item.finding.rule].append(item.number)
    text = "; ".join(
        f"⚠ {ranges(nums)} {titles.get(code, {}).get(lang, code)}"
        for code, nums in sorted(by_rule.items(), key=lambda kv: min(kv[1]))
    )
    return lines(text, 100, '<BR ALIGN="LEFT"/>') + '<BR ALIGN="LEFT"/>'


def county_diagrams(
    model: Model, summary: Summary, county: County, mine: list[Numbered], lang: str = "sv"
) -> list[tuple[str, str, graphviz.Digraph]]:
    """A county's overview and gap map, as (name, kind, graph)."""
    overview = county_map(model, summary, county, None, lang)
    gaps = county_map(model, summary, county, mine, lang)
    return [(overview.name, "region", overview), (gaps.name, "gaps", gaps)]
