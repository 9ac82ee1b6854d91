"""The responsibility matrix: which unit owns which need, at which care level.

Rows are the needs, grouped by process (ICF, the rehabilitation process, the
prescription process, coordination); columns are the care levels in their lanes
(region, then the municipalities); a cell names the units that own the need there.
A unit that owns the need for only some patient groups gets a ``*``; one that owns it
only for a time (until discharge, say) gets ``◔`` and the time. The last column holds
the numbers of the gaps that concern the need, as in the gap table.

:func:`matrix_data` is the table itself (the report prints it with the patient groups
in words); :func:`matrix_diagram` draws it as a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import graphviz

from pathways.analysis.coverage import catchments, coverage
from pathways.analysis.profiles import ProfileSpace
from pathways.model.model import Model
from pathways.outputs.lanes import Lane, Level, lanes
from pathways.outputs.numbering import Numbered
from pathways.outputs.style import (
    GAP_BG,
    LANDSCAPE,
    MUNICIPALITY_BG,
    REGION_BG,
    SMALL,
    VERMILLION,
    esc,
    finish,
    first_fit,
    html_label,
    hyphenate,
    label,
    legend_table,
    lines,
    new_graph,
    ranges,
    short_unit,
    t,
)

CATEGORY_ORDER = ("icf", "pathway_step", "device_step", "coordination", "nursing")


@dataclass
class Owner:
    unit: str
    partial: bool
    window: str
    """'' or the time it holds: 't.o.m. utskrivning'."""
    profiles: dict[str, str] = field(default_factory=dict)
    """lang -> the patient groups it owns the need for, in words."""


@dataclass
class Column:
    id: str
    label: dict[str, str]
    lane: str
    lane_label: dict[str, str]
    lane_kind: str
    units: list[str]


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[tuple[str, str]]
    """(category, need id), in display order."""
    cells: dict[tuple[str, str], list[Owner]]
    """(need id, column id) -> owners."""
    gaps: dict[str, list[int]]
    """need id -> numbers of the findings that name it."""


def _columns(model: Model) -> list[Column]:
    cols: list[Column] = []

    def walk(lane: Lane, lvl: Level) -> None:
        if lvl.units:
            cols.append(Column(lvl.id, lvl.label, lane.id, lane.label, lane.kind, list(lvl.units)))
        for c in lvl.children:
            walk(lane, c)

    for lane in lanes(model):
        for lvl in lane.levels:
            walk(lane, lvl)
    return cols


def _window_text(model: Model, window, lang: str) -> str:
    if window is None:
        return ""
    ev = label(model, window.event, lang).lower()
    if window.end_day is not None and window.start_day is None:
        if window.end_day == 0:
            return f"t.o.m. {ev}" if lang == "sv" else f"until {ev}"
        return f"t.o.m. dag {window.end_day} efter {ev}" if lang == "sv" else f"until day {window.end_day} after {ev}"
    if window.start_day is not None and window.end_day is None:
        if window.start_day <= 1:
            return f"efter {ev}" if lang == "sv" else f"after {ev}"
        return f"från dag {window.start_day} efter {ev}" if lang == "sv" else f"from day {window.start_day} after {ev}"
    return (
        f"dag {window.start_day}–{window.end_day} kring {ev}"
        if lang == "sv"
        else f"days {window.start_day}–{window.end_day} around {ev}"
    )


def _owner(model: Model, space: ProfileSpace, cov, value_labels: dict, u: str, need: str) -> Owner | None:
    """Unit ``u`` as an owner of ``need`` in the matrix: partly (some profiles) or with a time limit; None if it owns none."""
    unit = model.by_id[u]
    resps = [r for r in model.responsibilities if r.owner == u and need in r.needs]
    if not resps:
        return None
    required = covered = 0
    if cov is not None:
        for s in unit.settings:
            required |= cov.required.get((need, s), 0)
        for r in resps:
            for s in r.settings or unit.settings:
                covered |= space.mask(r.profile) & cov.setting_mask.get(s, 0)
        covered &= required
    partial = bool(required) and covered != required
    windows = [_window_text(model, r.window, "sv") for r in resps]
    window = "" if any(not w for w in windows) else windows[0]
    profiles = {}
    for lang in ("sv", "en"):
        cubes = space.minimal_cubes(covered) if cov is not None else []
        profiles[lang] = " | ".join(space.describe(c, value_labels[lang]) for c in cubes) if cubes else ""
    return Owner(u, partial, window, profiles)


def matrix_data(model: Model, findings: list[Numbered] | None = None) -> Matrix:
    """The matrix: owners per need and column, with partial and time-limited ownership marked."""
    space = ProfileSpace.of(model)
    cats = catchments(model)
    cov = coverage(model, space, cats[0]) if cats else None
    value_labels = {lang: {("*", "*"): "alla" if lang == "sv" else "all"} for lang in ("sv", "en")}
    for d in model.dimensions:
        for v in d.values:
            value_labels["sv"][(d.id, v.id)] = v.label.sv
            value_labels["en"][(d.id, v.id)] = v.label.en
    cols = _columns(model)
    rows = matrix_rows(model)
    needs = [model.by_id[n] for _, n in rows]
    cells: dict[tuple[str, str], list[Owner]] = {}
    for col in cols:
        for n in needs:
            owners = [o for u in col.units if (o := _owner(model, space, cov, value_labels, u, n.id)) is not None]
            if owners:
                cells[(n.id, col.id)] = owners
    gaps: dict[str, list[int]] = {}
    for item in findings or []:
        for e in item.finding.elements:
            if model.kind_of.get(e) == "needs":
                gaps.setdefault(e, []).append(item.number)
    return Matrix(cols, rows, cells, gaps)


def matrix_parts(model: Model, max_columns: int = 8) -> list[list[str]]:
    """The needs split into figures of at most ``max_columns`` columns, whole processes
    together where they fit (ICF and the rehabilitation process; devices and coordination)."""
    m_rows = matrix_rows(model)
    parts: list[list[str]] = []
    current: list[str] = []
    for cat in CATEGORY_ORDER + tuple(sorted({c for c, _ in m_rows} - set(CATEGORY_ORDER))):
        needs = [n for c, n in m_rows if c == cat]
        if not needs:
            continue
        if current and len(current) + len(needs) > max_columns:
            parts.append(current)
            current = []
        while len(needs) > max_columns:
            parts.append(needs[:max_columns])
            needs = needs[max_columns:]
        current.extend(needs)
    if current:
        parts.append(current)
    return parts


def matrix_rows(model: Model) -> list[tuple[str, str]]:
    needs = sorted(
        model.needs,
        key=lambda n: (
            CATEGORY_ORDER.index(n.category) if n.category in CATEGORY_ORDER else 99,
            n.order if n.order is not None else 1 << 20,
            [x.id for x in model.needs].index(n.id),
        ),
    )
    return [(n.category, n.id) for n in needs]


def matrix_diagram(
    model: Model,
    lang: str = "sv",
    findings: list[Numbered] | None = None,
    needs: list[str] | None = None,
    part: tuple[int, int] = (1, 1),
) -> graphviz.Digraph:
    """The matrix as a figure, A4 landscape: units (rows, in their lanes and care levels)
    against needs (columns, grouped by process); ● owns, ◔ owns for a time; the last row
    holds the numbers of the gaps that concern each need. Unit names are wrapped in the
    widest way that still fits the page."""
    m = matrix_data(model, findings)
    return first_fit([(lambda w=w: _matrix(model, lang, m, needs, part, w), LANDSCAPE) for w in (24, 21, 18, 15)])


def _matrix(
    model: Model, lang: str, m: Matrix, needs: list[str] | None, part: tuple[int, int], unit_width: int
) -> graphviz.Digraph:
    """The matrix of ``needs`` (every row's need when None) as one table: the header rows, a row
    per unit (``unit_width`` characters a line for its name), the gap row; then the legend."""
    needs = needs or [n for _, n in m.rows]
    body = [
        *_header_rows(model, lang, m, needs),
        *_unit_rows(model, lang, m, needs, unit_width),
        _gap_row(lang, m, needs),
    ]
    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="2" COLOR="#999999">' + "".join(body) + "</TABLE>"
    )
    name = "matrix" if part[1] == 1 else f"matrix_{part[0]}"
    g, canvas = new_graph(name, LANDSCAPE, rankdir="TB")
    canvas.node("matrix", html_label(table), shape="plain")
    cells = [
        (f'<FONT POINT-SIZE="{SMALL + 3}"><B>●</B></FONT>', esc(t(lang, "owns"))),
        (f'<FONT POINT-SIZE="{SMALL + 3}"><B>◔</B></FONT>', esc(t(lang, "owns_window"))),
        (f'<FONT COLOR="{VERMILLION}"><B>⚠ n</B></FONT>', esc(t(lang, "gap_numbers_matrix"))),
    ]
    legend = legend_table([(None, cells, 3)], model, lang, width=105)
    title = t(lang, "matrix_title")
    if part[1] > 1:
        title += f" ({part[0]}/{part[1]})"
    return finish(g, canvas, title, model, lang, legend)


def _header_rows(model: Model, lang: str, m: Matrix, needs: list[str]) -> list[str]:
    """The two header rows: the process groups over their needs, then each need (marked when nobody owns it)."""
    cat_of = {n: c for c, n in m.rows}
    groups: list[tuple[str, int]] = []
    for n in needs:
        if groups and groups[-1][0] == cat_of[n]:
            groups[-1] = (groups[-1][0], groups[-1][1] + 1)
        else:
            groups.append((cat_of[n], 1))
    head1 = ['<TD ROWSPAN="2" COLSPAN="2" BGCOLOR="white"></TD>']
    for cat, span in groups:
        head1.append(
            f'<TD COLSPAN="{span}" BGCOLOR="#EEEEEE"><B>{lines(t(lang, "category_" + cat), 14 * span)}</B></TD>'
        )
    head2 = []
    for n in needs:
        text = "<BR/>".join(esc(x) for x in hyphenate(label(model, n, lang), 11 if len(needs) >= 8 else 14))
        if any(m.cells.get((n, c.id)) for c in m.columns):
            head2.append(f'<TD VALIGN="BOTTOM" WIDTH="60">{text}</TD>')
        else:
            head2.append(
                f'<TD VALIGN="BOTTOM" WIDTH="60" BGCOLOR="{GAP_BG}">{text}<BR/>'
                f'<FONT COLOR="{VERMILLION}"><B>{esc(t(lang, "no_owner_anywhere"))}</B></FONT></TD>'
            )
    return ["<TR>" + "".join(head1) + "</TR>", "<TR>" + "".join(head2) + "</TR>"]


def _unit_rows(model: Model, lang: str, m: Matrix, needs: list[str], unit_width: int) -> list[str]:
    """A row per unit, column by column: the column's level (with its lane the first time), the
    unit, then per need ● (owns), ◔ (owns in a time window) or nothing."""
    rows, lane_done = [], set()
    for col in m.columns:
        bg = REGION_BG if col.lane_kind == "region" else MUNICIPALITY_BG
        if col.lane not in lane_done:
            lane_done.add(col.lane)
            level = (
                "<B>"
                + "<BR/>".join(esc(x) for x in hyphenate(col.lane_label[lang], 11))
                + "</B><BR/>"
                + "<BR/>".join(esc(x) for x in hyphenate(col.label[lang], 11))
            )
        else:
            level = "<BR/>".join(esc(x) for x in hyphenate(col.label[lang], 11))
        for i, u in enumerate(col.units):
            row = []
            if i == 0:
                row.append(
                    f'<TD ROWSPAN="{len(col.units)}" ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="{bg}">{level}</TD>'
                )
            row.append(
                f'<TD ALIGN="LEFT" BALIGN="LEFT">{"<BR/>".join(esc(x) for x in hyphenate(short_unit(model, u, lang), unit_width))}</TD>'
            )
            for n in needs:
                owners = [o for o in m.cells.get((n, col.id), []) if o.unit == u]
                if not owners:
                    row.append("<TD></TD>")
                elif owners[0].window:
                    row.append(f'<TD><FONT POINT-SIZE="{SMALL + 2}"><B>◔</B></FONT></TD>')
                else:
                    row.append(f'<TD><FONT POINT-SIZE="{SMALL + 2}"><B>●</B></FONT></TD>')
            rows.append("<TR>" + "".join(row) + "</TR>")
    return rows


def _gap_row(lang: str, m: Matrix, needs: list[str]) -> str:
    """The last row: per need, the numbers of the findings about it (as ranges, three a line)."""
    gap_row = [f'<TD COLSPAN="2" ALIGN="LEFT" BGCOLOR="{GAP_BG}"><B>{esc(t(lang, "gap_col"))}</B></TD>']
    for n in needs:
        nums = m.gaps.get(n, [])
        gap_row.append(
            f'<TD BGCOLOR="{GAP_BG}">'
            + (
                f'<FONT COLOR="{VERMILLION}"><B>⚠ '
                + "<BR/>".join(esc(x) for x in _chunks(ranges(nums), 3))
                + "</B></FONT>"
                if nums
                else ""
            )
            + "</TD>"
        )
    return "<TR>" + "".join(gap_row) + "</TR>"


def matrix_diagrams(
    model: Model, lang: str = "sv", findings: list[Numbered] | None = None
) -> list[tuple[str, graphviz.Digraph]]:
    parts = matrix_parts(model)
    out = []
    for i, needs in enumerate(parts, 1):
        name = "matrix" if len(parts) == 1 else f"matrix_{i}"
        out.append((name, matrix_diagram(model, lang, findings, needs, (i, len(parts)))))
    return out


def _cell_name(model: Model, unit_id: str, col: Column, lang: str) -> str:
    """A unit's short name in a column, without the column's own first word
    ("Kommunal rehab, ordinärt boende" under "Kommunal primärvård" is "Rehab, ordinärt boende")."""
    name = short_unit(model, unit_id, lang)
    first = col.label[lang].split(" ")[0]
    if name.startswith(first + " ") and len(name) > len(first) + 1:
        rest = name[len(first) + 1 :]
        return rest[0].upper() + rest[1:]
    return name


def _chunks(text: str, per_line: int) -> list[str]:
    parts = text.split(", ")
    return [", ".join(parts[i : i + per_line]) for i in range(0, len(parts), per_line)]


__all__ = ["SMALL", "Column", "Matrix", "Owner", "matrix_data", "matrix_diagram"]
