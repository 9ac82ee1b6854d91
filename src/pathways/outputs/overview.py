"""The overview of the care chain, and the same map with the gaps marked on it.

Principals are swimlanes and their care levels lanes inside them (top: specialised
care, bottom: the municipalities); units are boxes; handovers are arrows, each of
the three routes into home healthcare in its own colour and line style, labelled
"Väg 1/2/3"; a SIP is a hexagon on the handover where it is called.

The gap overlay is the same drawing, node for node and edge for edge: each finding
is a numbered ⚠ mark (an external label, which does not move anything) on the
handover, SIP or unit it names; findings with no place on the map (a need nobody
owns in a setting, a profile boundary) are listed under the map. So the overview
and the overlay can be laid side by side.
"""

from __future__ import annotations

import re
from collections import defaultdict

import graphviz

from pathways.model.model import Model
from pathways.outputs.lanes import draw_lanes, lane_of_unit, lane_rows, lanes, rank_rows
from pathways.outputs.numbering import Anchors, Numbered, anchors, rule_titles
from pathways.outputs.style import (
    BLACK,
    GAP_BG,
    GREY,
    PORTRAIT,
    ROUTE_STYLE,
    SKY,
    VERMILLION,
    YELLOW,
    esc,
    finish,
    glyph,
    html_label,
    label,
    legend_table,
    lines,
    new_graph,
    node_id,
    ranges,
    short_unit,
    t,
    wrap,
)


def route_of_handover(model: Model) -> dict[str, int]:
    """handover id -> number of the (first) route that includes it."""
    out: dict[str, int] = {}
    for r in sorted(model.routes, key=lambda r: (r.number, r.id)):
        for h in r.handovers:
            out.setdefault(h, r.number)
    return out


def sip_at_handover(model: Model) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for s in sorted(model.sip_points, key=lambda s: s.id):
        if model.kind_of.get(s.at) == "handovers":
            out[s.at].append(s.id)
    return out


MARKS = {"error": ("●", VERMILLION, "white"), "warning": ("▲", YELLOW, BLACK), "info": ("■", SKY, BLACK)}
"""Severity -> the mark's shape, background and ink: colour is never the only cue."""


def gap_rows(numbers: list[int], per_line: int = 4, severity: dict[int, str] | None = None) -> str:
    """One table row: the finding numbers grouped by severity, side by side, each group
    opening with its shape (● allvarligt, ▲ varning, ■ upplysning) on its colour."""
    severity = severity or {}
    cells = []
    for sev in ("error", "warning", "info"):
        group = [n for n in numbers if severity.get(n, "error") == sev]
        if not group:
            continue
        mark, bg, ink = MARKS[sev]
        parts = ranges(group).split(", ")
        text = "<BR/>".join(esc(", ".join(parts[i : i + per_line])) for i in range(0, len(parts), per_line))
        cells.append(
            f'<TD BGCOLOR="{bg}" ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{ink}"><B>{mark} {text}</B></FONT></TD>'
        )
    return f'<TR><TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1"><TR>{"".join(cells)}</TR></TABLE></TD></TR>'


def stack(top: str, numbers: list[int] | None, per_line: int = 4, severity: dict[int, str] | None = None) -> str:
    """A label: ``top`` (escaped HTML), with the gap numbers under it when there are any."""
    if not numbers:
        return html_label(top) if top else ""
    head = f"<TR><TD>{top}</TD></TR>" if top else ""
    rows = gap_rows(numbers, per_line, severity)
    return html_label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{head}{rows}</TABLE>')


def unit_label(
    model: Model,
    unit_id: str,
    lang: str,
    width: int = 14,
    short: bool = True,
    numbers: list[int] | None = None,
    severity: dict[int, str] | None = None,
) -> str:
    """A unit's name, wrapped; ▶ in front when patients can come there directly; gap numbers under it."""
    unit = model.get(unit_id)
    text = short_unit(model, unit_id, lang) if short else label(model, unit_id, lang)
    name = lines(text, width)
    if getattr(unit, "entry", False):
        name = "▶ " + name
    return stack(name, numbers, 2, severity)


def unit_attrs(model: Model, unit_id: str, marked: bool = False) -> dict[str, str]:
    unit = model.get(unit_id)
    style = "rounded,filled" + (",dashed" if getattr(unit, "status", "") == "assumption" else "")
    attrs = {"style": style, "fillcolor": "white", "color": GREY}
    if marked:
        attrs.update(color=VERMILLION, penwidth="2.5", fillcolor=GAP_BG)
    return attrs


def draw_map(
    canvas: graphviz.Digraph,
    model: Model,
    lang: str,
    anc: Anchors,
    unit_extra: dict[str, dict[str, str]] | None = None,
    edge_extra: dict[str, dict[str, str]] | None = None,
    prefix: str = "",
    units: set[str] | None = None,
    handovers: set[str] | None = None,
    unit_marks: dict[str, str] | None = None,
    edge_marks: dict[str, str] | None = None,
    levels: bool = True,
    one_row: bool = False,
) -> None:
    """The lanes, units, SIPs and handovers: the drawing the overview, the gap overlay and
    the what-if diagram share.

    ``unit_extra`` / ``edge_extra`` override attributes of a unit or a handover's arrow
    (by model id); ``unit_marks`` / ``edge_marks`` add rows (escaped HTML) under a unit's
    name or on an arrow. ``prefix`` keeps node names apart when two maps share a graph;
    ``units`` / ``handovers`` draw only part of the map (SIPs follow their handovers)."""
    unit_extra = unit_extra or {}
    edge_extra = edge_extra or {}
    unit_marks = unit_marks or {}
    edge_marks = edge_marks or {}
    U, S = f"{prefix}u", f"{prefix}sip"
    shown_handovers = [h for h in sorted(model.handovers, key=lambda h: h.id) if handovers is None or h.id in handovers]
    if units is not None:
        units = set(units) | {x for h in shown_handovers for x in (h.from_, h.to)}
    routes = route_of_handover(model)
    sips = sip_at_handover(model)

    def unit_node(sub: graphviz.Digraph, u: str) -> None:
        nums = anc.units.get(u)
        attrs = unit_attrs(model, u, bool(nums))
        attrs.update(unit_extra.get(u, {}))
        lab = unit_label(model, u, lang, numbers=nums, severity=anc.severity)
        if u in unit_marks:
            lab = _with_rows(lab, unit_marks[u])
        sub.node(node_id(U, u), lab, **attrs)

    lanes_ = lanes(model, sorted(units) if units is not None else None)
    draw_lanes(canvas, lanes_, lang, unit_node, prefix=prefix, levels=levels)
    rows_ = lane_rows(model, lanes_)
    if one_row:
        # one row per lane: a compact strip
        lane_of_u = {u: lane for u, (lane, _) in lane_of_unit(lanes_).items()}
        merged: list[list[str]] = []
        for r in rows_:
            if merged and lane_of_u[merged[-1][0]] == lane_of_u[r[0]]:
                merged[-1] = sorted(merged[-1] + r)
            else:
                merged.append(list(r))
        rows_ = merged

    # A SIP at a handover from one principal to another stands in a row of its own between
    # the two lanes: where the patient crosses the border.
    lane_of = {u: lane for u, (lane, _) in lane_of_unit(lanes_).items()}
    shown_ids = {h.id for h in shown_handovers}
    sip_points = [
        s
        for s in sorted(model.sip_points, key=lambda s: s.id)
        if (s.at in shown_ids) or (model.kind_of.get(s.at) == "units" and (units is None or s.at in units))
    ]
    crossing = sorted(
        node_id(S, s.id)
        for s in sip_points
        if model.kind_of.get(s.at) == "handovers"
        and lane_of.get(model.get(s.at).from_) != lane_of.get(model.get(s.at).to)
    )
    kinds = [next(lane.kind for lane in lanes_ if lane.id == lane_of[r[0]]) for r in rows_]
    if crossing and "municipality" in kinds and "region" in kinds and kinds.index("municipality") > 0:
        at = kinds.index("municipality")
        rows_ = [*rows_[:at], [], *rows_[at:]]
        rank_rows(canvas, rows_, extra={at: crossing}, prefix=prefix)
    else:
        rank_rows(canvas, rows_, prefix=prefix)
    row_of = {u: i for i, r in enumerate(rows_) for u in r}

    for s in sip_points:
        nums = anc.sips.get(s.id)
        text = f"<B>{esc(t(lang, 'sip_short'))}</B>"
        if s.within_days is not None:
            within = [t(lang, "sip_days", n=s.within_days)] if s.within_days else t(lang, "sip_same_day").split(" ")
            text += "".join(f"<BR/>{esc(w)}" for w in within)
        attrs = {
            "shape": "hexagon",
            "style": "filled",
            "fillcolor": "white",
            "color": BLACK,
            "penwidth": "1.5",
            "margin": "0,0",
            "fixedsize": "true",
            "width": "0.6",
            "height": "0.5",
        }
        if nums:
            attrs.update(color=VERMILLION, penwidth="2.5", fillcolor=GAP_BG, fixedsize="false", margin="0.02,0.02")
        canvas.node(node_id(S, s.id), stack(text, nums, 2, anc.severity), **attrs)
        if model.kind_of.get(s.at) == "units":
            canvas.edge(node_id(S, s.id), node_id(U, s.at), arrowhead="none", style="dotted")

    # Handovers, sorted by id; a handover with a SIP passes through the SIP's hexagon.
    for h in shown_handovers:
        a, b = node_id(U, h.from_), node_id(U, h.to)
        number = routes.get(h.id)
        nums = anc.handovers.get(h.id)
        attrs: dict[str, str] = {}
        if row_of.get(h.to, 0) < row_of.get(h.from_, 0):
            # back up towards the hospital: drawn, but not used to rank the rows
            attrs["constraint"] = "false"
        top = ""
        if number is not None:
            rs = ROUTE_STYLE.get(number, ROUTE_STYLE[1])
            attrs.update(
                color=rs["color"],
                style=rs["style"],
                penwidth="3" if number != 3 else "1.6",
                fontcolor=rs.get("text", rs["color"]),
                weight="4",
            )
            top = f"<B>{esc(t(lang, 'route_short', n=number))}</B>"
        else:
            attrs.update(style="dotted" if h.mode == "guidance" else "solid")
            if h.mode == "guidance":
                attrs["penwidth"] = "2"
        lab = stack(top, nums, 2, anc.severity)
        if h.id in edge_marks:
            if lab:
                lab = _with_rows(lab, edge_marks[h.id])
            else:
                lab = html_label(
                    f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{edge_marks[h.id]}</TABLE>'
                )
        if lab:
            attrs["label"] = lab
        attrs.update(edge_extra.get(h.id, {}))
        via = [x for x in sips.get(h.id, []) if x in {s.id for s in sip_points}]
        if via:
            sip = node_id(S, via[0])
            first = dict(attrs)
            second = {k: v for k, v in attrs.items() if k != "label"}
            canvas.edge(a, sip, arrowhead="none", **first)
            canvas.edge(sip, b, **second)
        else:
            canvas.edge(a, b, **attrs)


def _with_rows(label_html: str, rows: str) -> str:
    """An HTML-like label with more table rows under it."""
    inner = label_html[1:-1] if label_html.startswith("<") else esc(label_html)
    if inner.startswith("<TABLE"):
        return "<" + inner[: inner.rindex("</TABLE>")] + rows + "</TABLE>>"
    return html_label(
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"><TR><TD>{inner}</TD></TR>{rows}</TABLE>'
    )


def overview(model: Model, lang: str = "sv", findings: list[Numbered] | None = None) -> graphviz.Digraph:
    """The overview; with ``findings``, the gap overlay (each finding numbered where it is)."""
    overlay = findings is not None
    anc = anchors(model, findings) if overlay else Anchors()
    name = "gap_overlay" if overlay else "overview"
    g, canvas = new_graph(
        name, PORTRAIT, rankdir="TB", nodesep="0.04", ranksep="0.22", mclimit="0.01", splines="polyline"
    )
    draw_map(canvas, model, lang, anc)
    legend = map_legend(model, lang, findings, anc)
    title = t(lang, "gaps_title" if overlay else "overview_title")
    return finish(g, canvas, title, model, lang, legend)


def overview_marked(model: Model, lang: str, marks: dict[str, str], title: str, note: str) -> graphviz.Digraph:
    """The overview with rows of escaped HTML on handovers (``marks``: handover id -> rows),
    explained by ``note`` (plain text) in the legend: the deviation counts of a journey log, say."""
    g, canvas = new_graph(
        "overview_marked", PORTRAIT, rankdir="TB", nodesep="0.04", ranksep="0.22", mclimit="0.01", splines="polyline"
    )
    draw_map(canvas, model, lang, Anchors(), edge_marks=marks)
    text = "".join(f'{esc(line)}<BR ALIGN="LEFT"/>' for line in wrap(note, 100))
    blocks: list = [(None, map_symbols(model, lang), 3), (None, [text], 1)]
    return finish(g, canvas, title, model, lang, legend_table(blocks, model, lang))


def map_symbols(model: Model, lang: str, gaps: bool = False) -> list:
    cells: list = []
    for n in sorted({r.number for r in model.routes}):
        rs = ROUTE_STYLE.get(n, ROUTE_STYLE[1])
        cells.append((glyph(rs["glyph"] + "▶", rs.get("text", rs["color"]), bold=True), esc(t(lang, "route", n=n))))
    cells.append((glyph("───▶", GREY), esc(t(lang, "handover"))))
    cells.append((glyph("┈┈┈▶", GREY, bold=True), esc(t(lang, "guidance"))))
    cells.append((glyph("⬡", BLACK, bold=True), esc(t(lang, "sip_legend"))))
    cells.append((glyph("╌╌╌", GREY, bold=True), esc(t(lang, "assumption_unit"))))
    cells.append((glyph("▶", BLACK), esc(t(lang, "entry")[2:])))
    if gaps:
        for sev, (mark, bg, _ink) in MARKS.items():
            cells.append((f'<FONT COLOR="{bg}"><B>{mark}</B></FONT><B> n</B>', esc(t(lang, f"gap_{sev}"))))
    return cells


def map_legend(model: Model, lang: str, findings: list[Numbered] | None, anc: Anchors) -> str:
    blocks: list = [(None, map_symbols(model, lang, findings is not None), 3)]
    if findings is not None:
        blocks.extend(gap_key(model, lang, findings, anc))
    return legend_table(blocks, model, lang)


def gap_key(
    model: Model, lang: str, findings: list[Numbered], anc: Anchors, width: int = 100, with_rules: bool = False
) -> list:
    """The legend blocks that say what the numbers are, as flowing text: the rules with
    their numbers, then the findings that have no box or arrow on the map and where they are."""
    titles = rule_titles()
    by_rule: dict[str, list[int]] = defaultdict(list)
    for item in findings:
        by_rule[item.finding.rule].append(item.number)
    rules = " · ".join(
        f"{ranges(nums)} {titles.get(code, {}).get(lang, code)}"
        for code, nums in sorted(by_rule.items(), key=lambda kv: min(kv[1]))
    )
    blocks = (
        [(f"<B>{esc(t(lang, 'gap_key'))}</B> ({esc(t(lang, 'numbers_in_table'))})", [_flow(rules, width)], 1)]
        if with_rules
        else []
    )
    if anc.places:
        by_place_rule: dict[str, list] = defaultdict(list)
        for key, nums in anc.places.items():
            by_place_rule[key[0]].append((nums, key))
        parts = []
        for code, items in sorted(by_place_rule.items(), key=lambda kv: min(min(n) for n, _ in kv[1])):
            if code == "PW101":
                inner = f"⚠ {ranges([x for n, _ in items for x in n])} {t(lang, 'see_heatmap')}"
            else:
                inner = "; ".join(
                    f"⚠ {ranges(n)} {place_where(model, key, lang)}"
                    for n, key in sorted(items, key=lambda p: min(p[0]))
                )
            parts.append(f"{titles.get(code, {}).get(lang, code)}: {inner}")
        blocks.append(
            (
                f"<B>{esc(t(lang, 'other_gaps'))}</B>",
                [_flow(". ".join(parts) + ". " + t(lang, "numbers_in_table"), width)],
                1,
            )
        )
    return blocks


def _flow(text: str, width: int) -> str:
    """Text wrapped into left-aligned lines; finding numbers in bold (after ⚠ in vermillion)."""
    out = []
    for line in wrap(text, width):
        html = esc(line)
        html = re.sub(
            r"⚠ ([0-9][0-9–, ]*[0-9]|[0-9])(?=[ ;.]|$)",
            lambda m: f'<FONT COLOR="{VERMILLION}"><B>⚠ {m.group(1)}</B></FONT>',
            html,
        )
        html = re.sub(r"(^|· )([0-9][0-9–, ]*[0-9]|[0-9])(?= )", r"\1<B>\2</B>", html)
        out.append(html)
    return "".join(f'{x}<BR ALIGN="LEFT"/>' for x in out)


def place_where(model: Model, key: tuple, lang: str) -> str:
    _rule, kind, ids = key
    if kind == "settings":
        all_settings = tuple(sorted(s.id for s in model.settings))
        order = {s.id: i for i, s in enumerate(model.settings)}
        if ids == all_settings:
            return t(lang, "everywhere")
        return ", ".join(label(model, s, lang).lower() for s in sorted(ids, key=lambda s: order.get(s, 0)))
    return ", ".join(label(model, e, lang) for e in ids)
