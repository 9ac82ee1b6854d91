"""Diagrams of a national model: one box per county, and a heat map of gaps per municipality.

A model past :data:`AGGREGATE_HANDOVERS` handovers is drawn summed up instead of one box
per unit (no layout finishes for tens of thousands of arrows, and no one could read one):

- ``national`` (``national_1``.. when the counties do not fit one page): per county its
  municipalities, units and handovers, its routes into home healthcare summed over its
  municipalities, and its gaps by kind of rule, with their numbers; arrows between
  counties for handovers from one county to another;
- ``region_<county>`` and ``gaps_<county>``: each county's overview and gap map, units of
  one kind in one box (:mod:`pathways.outputs.national_region`);
- ``heatmap_1``..: gaps per municipality × kind of rule.

The sums come from :func:`pathways.analysis.regions.summarise`, through
:meth:`pathways.pipeline.Analysis.summary`; this module only draws them.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import graphviz

from pathways.analysis.regions import County, Summary
from pathways.model.model import Model
from pathways.outputs.colours import GREY, HEAT_SHADES, REGION_BG, ROUTE_STYLE
from pathways.outputs.escape import esc, html_label, lines
from pathways.outputs.labels import label
from pathways.outputs.numbering import Numbered
from pathways.outputs.overview import MARKS
from pathways.outputs.page import (
    PORTRAIT,
    glyph,
    legend_table,
    new_graph,
    shade_legend,
    source_line,
    table_sheet,
    title_label,
)
from pathways.texts import diagram_text, national_text

AGGREGATE_HANDOVERS = 600
"""Past this many handovers a model is drawn per county (the Dalarna model has about 160;
one county of the national synthetic model about 1,300, which ``dot`` lays out in minutes)."""

WHATIF_LIMIT = 40
"""A what-if diagram of a national model is drawn only when its comparison touches at most
this many elements, ownerships and findings; a larger one is in the report and in
``pathways whatif``, not in a diagram (its part of the map would be the whole county)."""

FAMILIES: dict[str, tuple[str, ...]] = {
    "ownership": ("PW101", "PW102", "PW108"),
    "handover": ("PW104", "PW105", "PW106", "PW107", "PW117"),
    "time": ("PW103", "PW110"),
    "flow": ("PW113", "PW114", "PW115"),
    "devices": ("PW111", "PW112"),
    "boundary": ("PW116",),
}
"""Kinds of gap rule: who owns what, what a handover carries, time and SIP, where patients
can go, devices and cost, profile boundaries. A rule not listed is of kind ``other``."""

COUNTIES_PER_PAGE = 24
COLUMNS = 4
HEAT_ROWS_PER_PAGE = 40
"""White (none), then lighter to darker vermillion for 1, 2, 3 or more gaps."""


def aggregated(model: Model, limit: int = AGGREGATE_HANDOVERS) -> bool:
    """Whether the model is drawn per county instead of unit by unit."""
    return len(model.handovers) > limit


def small_whatif(whatif) -> bool:
    """Whether a what-if comparison of a national model touches little enough to draw unit by
    unit (:data:`WHATIF_LIMIT` changed elements, ownership changes and findings resolved or new)."""
    touched = len(whatif.elements) + len(whatif.ownership) + len(whatif.resolved) + len(whatif.new)
    return touched <= WHATIF_LIMIT


def family(rule: str) -> str:
    return next((name for name, rules in FAMILIES.items() if rule in rules), "other")


def families(items: list[Numbered]) -> list[str]:
    """The kinds of rule, in the order of :data:`FAMILIES`, ``other`` last when used."""
    used = {family(i.finding.rule) for i in items}
    return [*FAMILIES, *(["other"] if "other" in used else [])]


def number(n: int, lang: str) -> str:
    """1 058 in Swedish (a no-break space between thousands), 1,058 in English."""
    return f"{n:,}".replace(",", "\u00a0" if lang == "sv" else ",")


def county_name(model: Model, county: County, lang: str) -> str:
    return label(model, county.region, lang) if county.region else county.id


def by_county(summary: Summary, items: list[Numbered]) -> dict[str, list[Numbered]]:
    """County id -> the numbered findings that concern it."""
    out: dict[str, list[Numbered]] = defaultdict(list)
    for item in items:
        for c in sorted(summary.places[item.finding.id].counties):
            out[c].append(item)
    return out


def _routes_rows(county: County, lang: str) -> list[str]:
    """The county's routes, one line each; one line for all when their counts agree."""
    flows = county.route_flows()[:3]
    counts = [len(f.routes) for f in flows]
    glyphs = [
        glyph(ROUTE_STYLE[k]["glyph"][:1], ROUTE_STYLE[k].get("text", ROUTE_STYLE[k]["color"]), bold=True)
        for k in range(1, len(flows) + 1)
    ]
    if len(set(counts)) == 1 and len(counts) > 1:
        text = national_text(lang, "all_routes_n", last=len(counts), n=number(counts[0], lang))
        return [f"{''.join(glyphs)} {esc(text)}"]
    return [
        f"{g} {esc(national_text(lang, 'routes_n', k=k, n=number(n, lang)))}"
        for k, (g, n) in enumerate(zip(glyphs, counts, strict=True), 1)
    ]


def _county_box(model: Model, summary: Summary, county: County, mine: list[Numbered], lang: str) -> str:
    nt = national_text
    rows = [
        f"<B>{esc(county_name(model, county, lang))}</B>",
        esc(nt(lang, "municipalities_n", n=number(len(county.municipalities), lang))),
        esc(nt(lang, "units_n", n=number(county.units, lang))),
        esc(nt(lang, "handovers_n", n=number(county.handovers, lang))),
        *_routes_rows(county, lang),
    ]
    out = sum(len(f.handovers) for (a, _), f in summary.crossing.items() if a == county.id)
    if out:
        rows.append(esc(nt(lang, "to_other_counties", n=number(out, lang))))
    if not mine:
        rows.append(f'<FONT COLOR="{GREY}">{esc(nt(lang, "no_findings"))}</FONT>')
    else:
        severity: dict[str, int] = defaultdict(int)
        count: dict[str, int] = defaultdict(int)
        for item in mine:
            count[family(item.finding.rule)] += 1
            severity[item.finding.severity] += 1
        marks = " ".join(
            f'<FONT COLOR="{MARKS[s][1]}"><B>{MARKS[s][0]}</B></FONT>&nbsp;{severity[s]}' for s in MARKS if severity[s]
        )
        rows.append(f"<B>{esc(nt(lang, 'findings_n', n=len(mine)))}</B>: {marks}")
        kinds = " · ".join(
            f"{nt(lang, 'fam_' + k)} {count[k]}".replace(" ", "\u00a0") for k in families(mine) if count[k]
        )
        rows.append(lines(kinds, 19))
    cells = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{r}</TD></TR>' for r in rows)
    return html_label(
        f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" COLOR="{GREY}" BGCOLOR="{REGION_BG}">{cells}</TABLE>'
    )


def legend_blocks(
    model: Model, summary: Summary, lang: str, with_gaps: bool = True, arrow: str = "crossing_legend"
) -> list:
    """The legend of a national diagram: the routes, the arrows between counties, the gap marks."""
    cells: list = []
    for k in range(1, 4):
        if any(len(c.route_flows()) >= k for c in summary.counties):
            rs = ROUTE_STYLE[k]
            cells.append(
                (
                    glyph(rs["glyph"] + "▶", rs.get("text", rs["color"]), bold=True),
                    esc(_route_text(model, summary, k, lang)),
                )
            )
    cells.append((glyph("───▶", GREY), esc(national_text(lang, arrow))))
    if with_gaps:
        for sev, (mark, bg, _ink) in MARKS.items():
            cells.append((f'<FONT COLOR="{bg}"><B>{mark}</B></FONT><B> n</B>', esc(diagram_text(lang, f"gap_{sev}"))))
    return [(None, cells, 2)]


def _route_text(model: Model, summary: Summary, k: int, lang: str) -> str:
    """What route k of a county is, in words: the label of its first route after the colon."""
    for county in summary.counties:
        flows = county.route_flows()
        if len(flows) >= k:
            text = label(model, flows[k - 1].routes[0], lang)
            head, _, tail = text.partition(": ")
            return f"{head.split(',')[0]}: {tail}" if tail else text
    return diagram_text(lang, "route", n=k)


def national_overview(
    model: Model, summary: Summary, items: list[Numbered], lang: str = "sv", page: int = 1
) -> graphviz.Digraph:
    """Page ``page`` of the national overview: up to :data:`COUNTIES_PER_PAGE` counties in a grid."""
    pages = max(1, -(-len(summary.counties) // COUNTIES_PER_PAGE))
    shown = summary.counties[(page - 1) * COUNTIES_PER_PAGE : page * COUNTIES_PER_PAGE]
    name = "national" if pages == 1 else f"national_{page}"
    g, canvas = new_graph(name, PORTRAIT, rankdir="TB", nodesep="0.08", ranksep="0.08")
    mine = by_county(summary, items)
    ids = {c.id: f"c{k}" for k, c in enumerate(shown)}
    for c in shown:
        canvas.node(ids[c.id], _county_box(model, summary, c, mine.get(c.id, []), lang), shape="plaintext", margin="0")
    rows = [shown[k : k + COLUMNS] for k in range(0, len(shown), COLUMNS)]
    for row in rows:
        with canvas.subgraph() as r:
            r.attr(rank="same")
            for c in row:
                r.node(ids[c.id])
            for a, b in itertools.pairwise(row):
                r.edge(ids[a.id], ids[b.id], style="invis")
    for upper, lower in itertools.pairwise(rows):
        for a, b in zip(upper, lower, strict=False):
            canvas.edge(ids[a.id], ids[b.id], style="invis")
    for (source, target), flow in sorted(summary.crossing.items()):
        if source in ids and target in ids:
            canvas.edge(
                ids[source],
                ids[target],
                constraint="false",
                xlabel=esc(national_text(lang, "crossing_n", n=len(flow.handovers))),
            )
    subtitle = national_text(lang, "national_note")
    if pages > 1:
        subtitle += " " + national_text(lang, "page", n=page, of=pages)
    canvas.attr(
        "graph",
        label=title_label(national_text(lang, "national_title"), model, lang, subtitle, PORTRAIT),
        labelloc="t",
        labeljust="l",
        peripheries="0",
        margin="2",
    )
    g.subgraph(canvas)
    g.attr("graph", label=legend_table(legend_blocks(model, summary, lang), model, lang), labelloc="b", labeljust="l")
    return g


def _heat_cell(n: int) -> str:
    if not n:
        return f'<TD BGCOLOR="{HEAT_SHADES[0]}"><FONT COLOR="{GREY}">–</FONT></TD>'
    ink = "white" if n >= 3 else "black"
    return f'<TD BGCOLOR="{HEAT_SHADES[min(n, 3)]}"><FONT COLOR="{ink}"><B>{n}</B></FONT></TD>'


def heat_rows(
    model: Model, summary: Summary, items: list[Numbered], lang: str
) -> list[list[tuple[str, list[Numbered]]]]:
    """Per county: its header, the region's own row, a row per municipality with gaps, and
    one row for the municipalities without; each row is (escaped label HTML, its findings)."""
    per_town: dict[str, list[Numbered]] = defaultdict(list)
    per_region: dict[str, list[Numbered]] = defaultdict(list)
    for item in items:
        place = summary.places[item.finding.id]
        for m in sorted(place.municipalities):
            per_town[m].append(item)
        if not place.municipalities:
            for c in sorted(place.counties):
                per_region[c].append(item)
    blocks = []
    for county in summary.counties:
        rows: list[tuple[str, list[Numbered]]] = [(f"<B>{esc(county_name(model, county, lang))}</B>", [])]
        if per_region.get(county.id):
            rows.append((esc(national_text(lang, "region_row")), per_region[county.id]))
        quiet = 0
        for m in county.municipalities:
            if per_town.get(m):
                rows.append((esc(label(model, m, lang)), per_town[m]))
            else:
                quiet += 1
        if quiet:
            rows.append((f'<FONT COLOR="{GREY}">{esc(national_text(lang, "quiet_row", n=quiet))}</FONT>', []))
        blocks.append(rows)
    return blocks


def heat_pages(blocks: list[list[tuple[str, list[Numbered]]]], per_page: int = HEAT_ROWS_PER_PAGE) -> list[list]:
    """The counties' rows cut into pages; a county is not cut unless it fills a page alone."""
    pages: list[list] = [[]]
    for rows in blocks:
        if pages[-1] and len(pages[-1]) + len(rows) > per_page:
            pages.append([])
        for k in range(0, len(rows), per_page):
            if k:
                pages.append([])
            pages[-1].extend(rows[k : k + per_page])
    return pages


def findings_heatmap(
    model: Model, rows: list[tuple[str, list[Numbered]]], kinds: list[str], lang: str, name: str, page: str
) -> graphviz.Digraph:
    """One page of the heat map: the rows (municipalities) × kinds of rule, with counts."""
    head = "".join(f"<TD><B>{lines(national_text(lang, 'fam_' + k), 12)}</B></TD>" for k in kinds)
    body = [
        f'<TR><TD ALIGN="LEFT"><B>{esc(national_text(lang, "municipality"))}</B></TD>{head}<TD><B>{esc(national_text(lang, "total"))}</B></TD></TR>'
    ]
    for text, found in rows:
        if text.startswith("<B>"):
            body.append(f'<TR><TD ALIGN="LEFT" BGCOLOR="{REGION_BG}" COLSPAN="{len(kinds) + 2}">{text}</TD></TR>')
            continue
        count: dict[str, int] = defaultdict(int)
        for item in found:
            count[family(item.finding.rule)] += 1
        cells = "".join(_heat_cell(count[k]) for k in kinds)
        body.append(f'<TR><TD ALIGN="LEFT">{text}</TD>{cells}{_heat_cell(len(found))}</TR>')
    title = title_label(national_text(lang, "heatmap_title"), model, lang, page, PORTRAIT)[1:-1]
    note = f'<B>{esc(diagram_text(lang, "legend"))}</B><BR/><FONT COLOR="{GREY}">{lines(national_text(lang, "heatmap_note"), 80)}<BR/>{shade_legend()}</FONT>'
    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="3" COLOR="#BBBBBB">' + "".join(body) + "</TABLE>"
    )
    return table_sheet(
        name,
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4"><TR><TD ALIGN="LEFT">{title}</TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{note}</TD></TR><TR><TD ALIGN="LEFT">{table}</TD></TR>'
        f'<TR><TD ALIGN="LEFT"><FONT COLOR="{GREY}">{esc(source_line(model, lang))}</FONT></TD></TR></TABLE>',
    )


def national_diagrams(
    model: Model, summary: Summary, items: list[Numbered], lang: str = "sv"
) -> list[tuple[str, str, graphviz.Digraph]]:
    """Every national diagram as (name, kind, graph): the overview pages, each county's
    overview and gap map, the heat map pages."""
    from pathways.outputs.national_region import county_diagrams

    pages = max(1, -(-len(summary.counties) // COUNTIES_PER_PAGE))
    out = []
    for p in range(1, pages + 1):
        g = national_overview(model, summary, items, lang, p)
        out.append((g.name, "national", g))
    mine = by_county(summary, items)
    for county in summary.counties:
        out.extend(county_diagrams(model, summary, county, mine.get(county.id, []), lang))
    heat = heat_pages(heat_rows(model, summary, items, lang))
    kinds = families(items)
    for k, rows in enumerate(heat, 1):
        text = national_text(lang, "page", n=k, of=len(heat)) if len(heat) > 1 else ""
        out.append((f"heatmap_{k}", "heatmap", findings_heatmap(model, rows, kinds, lang, f"heatmap_{k}", text)))
    return out
