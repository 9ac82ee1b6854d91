"""The overview of the care chain: the drawing the gap map and the what-if diagram share.

Principals are swimlanes and their care levels lanes inside them (top: specialised
care, bottom: the municipalities); units are boxes; handovers are arrows, each of
the three routes into home healthcare in its own colour and line style, labelled
"Väg 1/2/3"; a SIP is a hexagon on the handover where it is called.

The gap map (:mod:`pathways.outputs.gapmap`) and the what-if diagram are the same
drawing, node for node and edge for edge, with marks added (:class:`MapMarks`); so the
overview and the gap map can be laid side by side.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import graphviz

from pathways.model.model import Model
from pathways.model.schema import Handover, SipPoint
from pathways.outputs.lanes import draw_lanes, lane_of_unit, lane_rows, lanes, rank_rows
from pathways.outputs.numbering import Anchors
from pathways.outputs.style import (
    BLACK,
    GAP_BG,
    GREY,
    PORTRAIT,
    ROUTE_STYLE,
    SKY,
    VERMILLION,
    YELLOW,
    Cell,
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


@dataclass
class MapMarks:
    """What the gap overlay and the what-if diagram add to the shared drawing, by model id.

    ``unit_extra`` / ``edge_extra`` override attributes of a unit or a handover's arrow;
    ``unit_marks`` / ``edge_marks`` / ``sip_marks`` add table rows (escaped HTML) under a
    unit's name, on an arrow or in a SIP's hexagon."""

    unit_extra: dict[str, dict[str, str]] = field(default_factory=dict)
    edge_extra: dict[str, dict[str, str]] = field(default_factory=dict)
    unit_marks: dict[str, str] = field(default_factory=dict)
    edge_marks: dict[str, str] = field(default_factory=dict)
    sip_marks: dict[str, str] = field(default_factory=dict)


@dataclass
class _Map:
    """One drawing in progress: what the steps of :func:`draw_map` share."""

    canvas: graphviz.Digraph
    model: Model
    lang: str
    anc: Anchors
    marks: MapMarks
    prefix: str
    handovers: list[Handover]
    sip_points: list[SipPoint]
    unit_width: int
    flat_xlabel: bool

    @property
    def U(self) -> str:
        return f"{self.prefix}u"

    @property
    def S(self) -> str:
        return f"{self.prefix}sip"


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
    sip_marks: dict[str, str] | None = None,
    unit_width: int = 14,
    flat_xlabel: bool = False,
) -> list[str]:
    """The lanes, units, SIPs and handovers: the drawing the overview, the gap overlay and
    the what-if diagram share.

    ``unit_extra`` / ``edge_extra`` / ``unit_marks`` / ``edge_marks`` / ``sip_marks``: see
    :class:`MapMarks`. ``prefix`` keeps node names apart when two maps share a graph;
    ``units`` / ``handovers`` draw only part of the map (SIPs follow their handovers);
    ``unit_width`` is where a unit's name wraps; ``flat_xlabel`` puts the marks on an
    arrow within one row beside it (a label there would open a rank of its own above the
    row). Returns the spine node of each row
    (:func:`rank_rows`)."""
    marks = MapMarks(unit_extra or {}, edge_extra or {}, unit_marks or {}, edge_marks or {}, sip_marks or {})
    shown = [h for h in sorted(model.handovers, key=lambda h: h.id) if handovers is None or h.id in handovers]
    if units is not None:
        units = set(units) | {x for h in shown for x in (h.from_, h.to)}
    shown_ids = {h.id for h in shown}
    sip_points = [
        s
        for s in sorted(model.sip_points, key=lambda s: s.id)
        if (s.at in shown_ids) or (model.kind_of.get(s.at) == "units" and (units is None or s.at in units))
    ]
    m = _Map(canvas, model, lang, anc, marks, prefix, shown, sip_points, unit_width, flat_xlabel)
    lanes_ = lanes(model, sorted(units) if units is not None else None)
    draw_lanes(canvas, lanes_, lang, lambda sub, u: _unit_node(m, sub, u), prefix=prefix, levels=levels)
    row_of, spine = _rank(m, lanes_, one_row)
    for s in sip_points:
        _sip_node(m, s)
    for h in shown:
        _handover_edge(m, h, row_of)
    return spine


def _unit_node(m: _Map, sub: graphviz.Digraph, u: str) -> None:
    nums = m.anc.units.get(u)
    attrs = unit_attrs(m.model, u, bool(nums))
    attrs.update(m.marks.unit_extra.get(u, {}))
    lab = unit_label(m.model, u, m.lang, width=m.unit_width, numbers=nums, severity=m.anc.severity)
    if u in m.marks.unit_marks:
        lab = _with_rows(lab, m.marks.unit_marks[u])
    sub.node(node_id(m.U, u), lab, **attrs)


def _one_row(lanes_: list, rows_: list[list[str]]) -> list[list[str]]:
    """One row per lane: a compact strip."""
    lane_of_u = {u: lane for u, (lane, _) in lane_of_unit(lanes_).items()}
    merged: list[list[str]] = []
    for r in rows_:
        if merged and lane_of_u[merged[-1][0]] == lane_of_u[r[0]]:
            merged[-1] = sorted(merged[-1] + r)
        else:
            merged.append(list(r))
    return merged


def _rank(m: _Map, lanes_: list, one_row: bool) -> tuple[dict[str, int], list[str]]:
    """Rank the rows of units; a SIP at a handover from one principal to another stands in
    a row of its own between the two lanes: where the patient crosses the border.
    Returns unit id -> row, and the spine node of each row."""
    model = m.model
    rows_ = lane_rows(model, lanes_)
    if one_row:
        rows_ = _one_row(lanes_, rows_)
    lane_of = {u: lane for u, (lane, _) in lane_of_unit(lanes_).items()}
    at_handover = {s.id: model.get(s.at) for s in m.sip_points}
    crossing = sorted(
        node_id(m.S, sid)
        for sid, h in at_handover.items()
        if isinstance(h, Handover) and lane_of.get(h.from_) != lane_of.get(h.to)
    )
    kinds = [next(lane.kind for lane in lanes_ if lane.id == lane_of[r[0]]) for r in rows_]
    if crossing and "municipality" in kinds and "region" in kinds and kinds.index("municipality") > 0:
        at = kinds.index("municipality")
        rows_ = [*rows_[:at], [], *rows_[at:]]
        spine = rank_rows(m.canvas, rows_, extra={at: crossing}, prefix=m.prefix)
    else:
        spine = rank_rows(m.canvas, rows_, prefix=m.prefix)
    return {u: i for i, r in enumerate(rows_) for u in r}, spine


def _sip_node(m: _Map, s: SipPoint) -> None:
    lang = m.lang
    nums = m.anc.sips.get(s.id)
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
    extra = m.marks.sip_marks.get(s.id)
    if nums or extra:
        attrs.update(color=VERMILLION, penwidth="2.5", fillcolor=GAP_BG, fixedsize="false", margin="0.02,0.02")
    lab = stack(text, nums, 2, m.anc.severity)
    if extra:
        lab = _with_rows(lab, extra)
    m.canvas.node(node_id(m.S, s.id), lab, **attrs)
    if m.model.kind_of.get(s.at) == "units":
        m.canvas.edge(node_id(m.S, s.id), node_id(m.U, s.at), arrowhead="none", style="dotted")


def _edge_look(number: int | None, h: Handover, lang: str) -> tuple[dict[str, str], str]:
    """An arrow's attributes and its top text (escaped HTML): the route's look and name, or
    a plain or dotted (guidance) line."""
    attrs: dict[str, str] = {}
    if number is None:
        attrs["style"] = "dotted" if h.mode == "guidance" else "solid"
        if h.mode == "guidance":
            attrs["penwidth"] = "2"
        return attrs, ""
    rs = ROUTE_STYLE.get(number, ROUTE_STYLE[1])
    attrs.update(
        color=rs["color"],
        style=rs["style"],
        penwidth="3" if number != 3 else "1.6",
        fontcolor=rs.get("text", rs["color"]),
        weight="4",
    )
    return attrs, f"<B>{esc(t(lang, 'route_short', n=number))}</B>"


def _handover_edge(m: _Map, h: Handover, row_of: dict[str, int]) -> None:
    """A handover's arrow; one with a SIP passes through the SIP's hexagon (the label on the
    first part)."""
    a, b = node_id(m.U, h.from_), node_id(m.U, h.to)
    attrs, top = _edge_look(route_of_handover(m.model).get(h.id), h, m.lang)
    if row_of.get(h.to, 0) < row_of.get(h.from_, 0):
        # back up towards the hospital: drawn, but not used to rank the rows
        attrs["constraint"] = "false"
    lab = stack(top, m.anc.handovers.get(h.id), 2, m.anc.severity)
    extra = m.marks.edge_marks.get(h.id)
    if extra:
        lab = (
            _with_rows(lab, extra)
            if lab
            else html_label(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{extra}</TABLE>')
        )
    flat = row_of.get(h.to, -1) == row_of.get(h.from_, -2)
    if lab and flat and extra and m.flat_xlabel:
        attrs["xlabel"] = lab
    elif lab:
        attrs["label"] = lab
    attrs.update(m.marks.edge_extra.get(h.id, {}))
    shown = {s.id for s in m.sip_points}
    via = [x for x in sip_at_handover(m.model).get(h.id, []) if x in shown]
    if via:
        sip = node_id(m.S, via[0])
        m.canvas.edge(a, sip, arrowhead="none", **attrs)
        m.canvas.edge(sip, b, **{k: v for k, v in attrs.items() if k not in ("label", "xlabel")})
    else:
        m.canvas.edge(a, b, **attrs)


def _with_rows(label_html: str, rows: str) -> str:
    """An HTML-like label with more table rows under it."""
    inner = label_html[1:-1] if label_html.startswith("<") else esc(label_html)
    if inner.startswith("<TABLE"):
        return "<" + inner[: inner.rindex("</TABLE>")] + rows + "</TABLE>>"
    return html_label(
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1"><TR><TD>{inner}</TD></TR>{rows}</TABLE>'
    )


def overview(model: Model, lang: str = "sv") -> graphviz.Digraph:
    """The overview of the care chain (the gap map, :mod:`pathways.outputs.gapmap`, is the
    same drawing with the gaps marked on it)."""
    g, canvas = new_graph(
        "overview", PORTRAIT, rankdir="TB", nodesep="0.04", ranksep="0.22", mclimit="0.01", splines="polyline"
    )
    draw_map(canvas, model, lang, Anchors())
    legend = legend_table([(None, map_symbols(model, lang), 3)], model, lang)
    return finish(g, canvas, t(lang, "overview_title"), model, lang, legend)


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


def map_symbols(model: Model, lang: str) -> list[Cell]:
    """The legend cells of the map's lines and shapes."""
    cells: list[Cell] = []
    for n in sorted({r.number for r in model.routes}):
        rs = ROUTE_STYLE.get(n, ROUTE_STYLE[1])
        cells.append((glyph(rs["glyph"] + "▶", rs.get("text", rs["color"]), bold=True), esc(t(lang, "route", n=n))))
    cells.append((glyph("───▶", GREY), esc(t(lang, "handover"))))
    cells.append((glyph("┈┈┈▶", GREY, bold=True), esc(t(lang, "guidance"))))
    cells.append((glyph("⬡", BLACK, bold=True), esc(t(lang, "sip_legend"))))
    cells.append((glyph("╌╌╌", GREY, bold=True), esc(t(lang, "assumption_unit"))))
    cells.append((glyph("▶", BLACK), esc(t(lang, "entry")[2:])))
    return cells


def place_where(model: Model, key: tuple, lang: str) -> str:
    """Where a finding with no box or arrow of its own is, in words (a setting, a boundary)."""
    _rule, kind, ids = key
    if kind == "settings":
        all_settings = tuple(sorted(s.id for s in model.settings))
        order = {s.id: i for i, s in enumerate(model.settings)}
        if ids == all_settings:
            return t(lang, "everywhere")
        return ", ".join(label(model, s, lang).lower() for s in sorted(ids, key=lambda s: order.get(s, 0)))
    return ", ".join(label(model, e, lang) for e in ids)
