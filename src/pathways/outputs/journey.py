"""A patient case as a timeline in swimlanes: who holds the patient on which day.

Columns are days (quiet stretches where nothing changes are merged into one column,
"10–24/3, 15 d"); rows are the units the patient meets, in their principal's lane.
A dark cell with ● is the unit that holds the patient that day, a light cell a unit
the patient is in contact with. Under the units, each need that is left without an
owner has its own row, red with ✗ on the days nobody owns it: the days the patient
falls between the chairs. The top rows are the case's events; the bottom rows the
handovers (⇢, with what the receiver needed and did not get), the SIPs (⬡, or ⬡✗
for a SIP the model asks for that is not held) and the gaps met, numbered as in the
gap table.

The drawing is one table (a Graphviz HTML-like label): rows and columns line up
exactly, and nothing moves between runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import graphviz

from pathways.cases.trace import Trace
from pathways.model.model import Model
from pathways.outputs.lanes import lane_rows, lanes
from pathways.outputs.numbering import Numbered
from pathways.outputs.style import (
    GAP_BG,
    GREY,
    LANDSCAPE,
    LIGHT_GREY,
    MUNICIPALITY_BG,
    PORTRAIT,
    REGION_BG,
    VERMILLION,
    Cell,
    esc,
    finish,
    html_label,
    hyphenate,
    label,
    legend_table,
    natural_size,
    new_graph,
    ranges,
    short_unit,
    t,
    wrap,
)

REGION_HOLD = "#7FB8DF"
"""The region lane's colour, darker: the unit that holds the patient."""
MUNICIPALITY_HOLD = "#E6D36B"

WEEKDAYS = {
    "sv": ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
}

MAX_COLUMNS = 22
"""At most this many day columns; longer quiet stretches are merged first."""


@dataclass
class Span:
    """One column: a day, or a run of days on which nothing changes."""

    first: int
    last: int

    def days(self) -> int:
        return self.last - self.first + 1


_WITH_WEEKEND = {"sv": "med helg", "en": "incl. weekend"}
_WITH_WEEKENDS = {"sv": "{n} helger", "en": "{n} weekends"}
"""A column of several days that includes a weekend (or several) says so."""
_DAY = {"sv": "dag", "en": "day"}


def _state(day) -> tuple:
    return (day.unit, tuple(day.engaged), tuple(day.uncovered), tuple(sorted(day.owners)))


def spans(trace: Trace, max_columns: int = MAX_COLUMNS) -> list[Span]:
    """Columns for the days: one per day for a short journey; else a day on which something
    happens (an event, a handover, a SIP) has a column of its own, and the quiet days
    between share a column as long as nothing changes (who holds the patient, who is in
    contact, which needs have no owner)."""
    days = trace.days
    if len(days) <= 7:
        return [Span(i, i) for i in range(len(days))]
    handover_days = {h.date for h in trace.handovers}

    def eventful(i: int) -> bool:
        d = days[i]
        return bool(d.events) or bool(d.sips) or d.date in handover_days

    cols: list[Span] = []
    for i in range(len(days)):
        if not cols or eventful(i) or eventful(cols[-1].last) or _state(days[i]) != _state(days[i - 1]):
            cols.append(Span(i, i))
        else:
            cols[-1] = Span(cols[-1].first, i)
    return cols


def _day_head(d: date, lang: str) -> str:
    return f"{WEEKDAYS[lang][d.weekday()]}<BR/>{d.day}/{d.month}"


def _span_head(c: Span, d0: date, d1: date, lang: str) -> str:
    """The head of a column of several days, said as it is: the weekdays when it is at most a
    week, else the journey's day numbers ("dag 23–140"); the dates; the number of days, and
    whether weekends are inside (a column of weekend days only is shaded instead)."""
    n = c.days()
    weekends = sum(1 for k in range(n) if (d0.weekday() + k) % 7 == 5) + (d0.weekday() == 6)
    only_weekend = all((d0.weekday() + k) % 7 >= 5 for k in range(n))
    first = (
        f"{WEEKDAYS[lang][d0.weekday()]}–{WEEKDAYS[lang][d1.weekday()]}"
        if n <= 7
        else f"{_DAY[lang]} {c.first + 1}–{c.last + 1}"
    )
    note = f"{n} d"
    if weekends and not only_weekend:
        note += f", {_WITH_WEEKEND[lang] if weekends == 1 else _WITH_WEEKENDS[lang].format(n=weekends)}"
    return f"{first}<BR/>{d0.day}/{d0.month}–{d1.day}/{d1.month}<BR/>({note})"


PRESETS = (
    # (event, handover, need, unit) wrap widths, narrowest table first
    {"event": 12, "handover": 20, "need": 34, "unit": 20},
    {"event": 12, "handover": 20, "need": 26, "unit": 18},
    {"event": 10, "handover": 16, "need": 26, "unit": 18},
    {"event": 14, "handover": 26, "need": 40, "unit": 24},
    {"event": 12, "handover": 34, "need": 44, "unit": 32},
    {"event": 10, "handover": 30, "need": 44, "unit": 32},
    {"event": 12, "handover": 24, "need": 30, "unit": 20},
    {"event": 11, "handover": 24, "need": 28, "unit": 18},
    {"event": 12, "handover": 28, "need": 30, "unit": 20},
    {"event": 9, "handover": 13, "need": 22, "unit": 16},
    {"event": 8, "handover": 11, "need": 18, "unit": 14},
)


def journey_diagram(
    model: Model, trace: Trace, lang: str = "sv", findings: list[Numbered] | None = None
) -> graphviz.Digraph:
    """The case's journey on A4, landscape or portrait, whichever reads larger.

    The table's text is wrapped in a few ways; the first that fits the page without
    shrinking is kept (else the one that shrinks least). Measuring runs Graphviz once
    per try on a one-node graph, a few milliseconds.
    """
    best = None
    for preset in PRESETS:
        for page in (LANDSCAPE, PORTRAIT):
            g = _journey(model, trace, lang, findings, preset, page)
            w, h = natural_size(g)
            scale = min(1.0, (page.width - 0.15) / w, (page.height - 0.15) / h)
            if best is None or scale > best[0] + 1e-9:
                best = (scale, g)
            if scale >= 1.0:
                return g
    assert best is not None, "at least one layout was tried"
    return best[1]


def _journey(
    model: Model, trace: Trace, lang: str, findings: list[Numbered] | None, wraps: dict, page
) -> graphviz.Digraph:
    numbers = {item.finding.id: item.number for item in findings or []}
    days = trace.days
    cols = spans(trace)
    engaged = sorted({u for d in days for u in d.engaged} | {d.unit for d in days if d.unit})
    rows_units = [u for r in lane_rows(model, lanes(model, engaged)) for u in r]
    kinds = {
        u: ("region" if lane.kind == "region" else "municipality")
        for lane in lanes(model, engaged)
        for u in _units_of(lane)
    }
    uncovered_needs = []
    need_order = {n.id: i for i, n in enumerate(model.needs)}
    for n in sorted({n for d in days for n in d.uncovered}, key=lambda n: need_order.get(n, 1 << 20)):
        uncovered_needs.append(n)

    def cell(
        text: str = "", bg: str | None = None, bold: bool = False, colour: str | None = None, span: int = 1
    ) -> str:
        attrs = f' BGCOLOR="{bg}"' if bg else ""
        if span > 1:
            attrs += f' COLSPAN="{span}"'
        inner = f"<B>{text}</B>" if bold and text else text
        if colour and text:
            inner = f'<FONT COLOR="{colour}">{inner}</FONT>'
        return f"<TD{attrs}>{inner}</TD>"

    body = []
    used: set[str] = set()
    """Symbols the diagram uses (the legend lists only these)."""
    # header: the days
    head = [f'<TD ALIGN="LEFT"><B>{esc(t(lang, "day"))}</B></TD>']
    for c in cols:
        d0, d1 = days[c.first].date, days[c.last].date
        weekend = all(days[i].date.weekday() >= 5 for i in range(c.first, c.last + 1))
        text = _day_head(d0, lang) if c.first == c.last else _span_head(c, d0, d1, lang)
        head.append(
            f'<TD BGCOLOR="{LIGHT_GREY if weekend else "white"}">{"<I>" + text + "</I>" if weekend else text}</TD>'
        )
    body.append("<TR>" + "".join(head) + "</TR>")

    # events
    row = [f'<TD ALIGN="LEFT"><B>{esc(t(lang, "events"))}</B></TD>']
    for c in cols:
        evs = [e for i in range(c.first, c.last + 1) for e in days[i].events]
        names = list(dict.fromkeys(label(model, e["event"], lang) for e in evs))
        text = "<BR/>".join("<BR/>".join(esc(x) for x in hyphenate("▶\u00a0" + n, wraps["event"])) for n in names)
        row.append(f'<TD BALIGN="LEFT" VALIGN="TOP">{text}</TD>' if names else "<TD></TD>")
    body.append("<TR>" + "".join(row) + "</TR>")

    # the units, in their lanes
    for u in rows_units:
        kind = kinds.get(u, "region")
        light = REGION_BG if kind == "region" else MUNICIPALITY_BG
        dark = REGION_HOLD if kind == "region" else MUNICIPALITY_HOLD
        name = "<BR/>".join(esc(x) for x in wrap(short_unit(model, u, lang), wraps["unit"]))
        row = [f'<TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{light}">{name}</TD>']
        for c in cols:
            holds = [days[i].unit == u for i in range(c.first, c.last + 1)]
            contact = [u in days[i].engaged for i in range(c.first, c.last + 1)]
            if all(holds):
                row.append(cell("●", dark, bold=True))
            elif any(holds):
                used.add("holds_part")
                row.append(cell("◐", dark, bold=True))
            elif any(contact):
                used.add("in_contact")
                row.append(cell("", light))
            else:
                row.append(cell())
        body.append("<TR>" + "".join(row) + "</TR>")

    # needs without an owner: red bands
    # needs left without an owner on the same days share a row
    groups: dict[tuple, list[str]] = {}
    for n in uncovered_needs:
        groups.setdefault(tuple(n in d.uncovered for d in days), []).append(n)
    for pattern, group in groups.items():
        name = "<BR/>".join(
            "<BR/>".join(esc(x) for x in wrap("✗\u00a0" + label(model, n, lang), wraps["need"]))
            for k, n in enumerate(group)
        )
        row = [f'<TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{GAP_BG}">{name}</TD>']
        for c in cols:
            gap = [pattern[i] for i in range(c.first, c.last + 1)]
            if any(gap):
                used.add("no_owner_day")
            if all(gap):
                row.append(cell('<FONT POINT-SIZE="13">✗</FONT>', VERMILLION, bold=True, colour="white"))
            elif any(gap):
                row.append(cell(f"✗ {sum(gap)} d", VERMILLION, bold=True, colour="white"))
            else:
                row.append(cell())
        body.append("<TR>" + "".join(row) + "</TR>")

    # handovers, SIPs, gaps met
    missing_notes: list = []
    row = [f'<TD ALIGN="LEFT"><B>{esc(t(lang, "handovers"))}</B></TD>']
    for c in cols:
        span_dates = {days[i].date for i in range(c.first, c.last + 1)}
        parts = []
        for h in trace.handovers:
            if h.date in span_dates:
                used.add("handover_to")
                text = "<BR/>".join(
                    esc(x) for x in wrap("⇢\u00a0" + short_unit(model, h.to_unit, lang), wraps["handover"])
                )
                if h.missing:
                    missing_notes.append((h, len(missing_notes) + 1))
                    text += (
                        f'<BR/><FONT COLOR="{VERMILLION}"><B>⚠ {esc(t(lang, "missing").lower())} '
                        f"({len(missing_notes)})</B></FONT>"
                    )
                parts.append(text)
        row.append(f'<TD BALIGN="LEFT" VALIGN="TOP">{"<BR/>".join(parts)}</TD>' if parts else "<TD></TD>")
    body.append("<TR>" + "".join(row) + "</TR>")
    row = [f'<TD ALIGN="LEFT"><B>{esc(t(lang, "sip_short"))}</B></TD>']
    for c in cols:
        span_dates = {days[i].date for i in range(c.first, c.last + 1)}
        parts = []
        for s in trace.sips:
            if s.held and s.date in span_dates:
                parts.append(
                    "<B>⬡</B><BR/>"
                    + esc(t(lang, "sip_held"))
                    + (
                        ""
                        if s.on_time in (None, True)
                        else f' <FONT COLOR="{VERMILLION}">({esc(t(lang, "late"))})</FONT>'
                    )
                )
            elif not s.held and (
                s.deadline in span_dates or (s.deadline is None and _at_date(trace, s.at) in span_dates)
            ):
                parts.append(
                    f'<FONT COLOR="{VERMILLION}"><B>⬡✗</B><BR/>'
                    + "<BR/>".join(esc(x) for x in wrap(t(lang, "sip_not_held"), 10))
                    + "</FONT>"
                )
        parts = list(dict.fromkeys(parts))  # one planning held at two SIP points shows once
        row.append(f'<TD BALIGN="LEFT">{"<BR/>".join(parts)}</TD>' if parts else "<TD></TD>")
    if trace.sips:
        body.append("<TR>" + "".join(row) + "</TR>")
    row = [f'<TD ALIGN="LEFT"><B>{esc(t(lang, "gap_col"))}</B></TD>']
    seen: set[str] = set()
    for c in cols:
        ids = [f for i in range(c.first, c.last + 1) for f in days[i].findings]
        fresh = [f for f in dict.fromkeys(ids) if f not in seen]
        seen.update(fresh)
        nums = sorted(numbers[f] for f in fresh if f in numbers)
        if nums:
            used.add("gap_met")
        text = "<BR/>".join(esc(x) for x in _chunks(ranges(nums), 3)) if nums else ""
        row.append(cell(("⚠ " + text) if text else "", colour=VERMILLION, bold=True))
    body.append("<TR>" + "".join(row) + "</TR>")

    table = (
        '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="2" COLOR="#999999">' + "".join(body) + "</TABLE>"
    )
    g, canvas = new_graph(f"case_{trace.case}", page, rankdir="TB")
    canvas.node("journey", html_label(table), shape="plain")
    profile = ", ".join(trace.labels.get(f"{d}={v}", {}).get(lang, v) for d, v in trace.profile.items())
    summary = t(lang, "journey_summary", n=trace.uncovered_days, profile=profile)
    if trace.sips:
        used.add("sip")
    symbols = [
        ("holds", '<FONT COLOR="black"><B>●</B></FONT>'),
        ("holds_part", "<B>◐</B>"),
        (
            "in_contact",
            '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="0" COLOR="#999999"><TR>'
            f'<TD BGCOLOR="{REGION_BG}" FIXEDSIZE="TRUE" WIDTH="12" HEIGHT="10"></TD>'
            f'<TD BGCOLOR="{MUNICIPALITY_BG}" FIXEDSIZE="TRUE" WIDTH="12" HEIGHT="10"></TD></TR></TABLE>',
        ),
        ("no_owner_day", f'<FONT COLOR="{VERMILLION}"><B>✗</B></FONT>'),
        ("handover_to", "<B>⇢</B>"),
        ("sip", "<B>⬡</B>"),
        ("gap_met", f'<FONT COLOR="{VERMILLION}"><B>⚠ n</B></FONT>'),
    ]
    cells = [(sym, esc(t(lang, key))) for key, sym in symbols if key == "holds" or key in used]
    width = 135 if page is LANDSCAPE else 90
    blocks: list[tuple[str | None, Sequence[Cell], int]] = [(None, cells, 3 if page is LANDSCAPE else 2)]
    if missing_notes:
        text = " ".join(
            f"({k}) {t(lang, 'missing_at', date=f'{h.date.day}/{h.date.month}', unit=short_unit(model, h.to_unit, lang))}: "
            + ", ".join(t(lang, "item_" + m) for m in h.missing)
            + "."
            for h, k in missing_notes
        )
        blocks.insert(
            0,
            (
                f'<FONT COLOR="{VERMILLION}"><B>⚠</B></FONT> '
                + '<BR ALIGN="LEFT"/>'.join(esc(x) for x in wrap(text, width - 4))
                + '<BR ALIGN="LEFT"/>',
                [],
                1,
            ),
        )
    legend = legend_table(blocks, model, lang, width=width)
    title = f"{t(lang, 'journey_title')}: {trace.label.get(lang) or trace.case}"
    return finish(g, canvas, title, model, lang, legend, subtitle=summary)


def _at_date(trace: Trace, at: str) -> date | None:
    for h in trace.handovers:
        if h.id == at:
            return h.date
    return None


def _units_of(lane) -> list[str]:
    out: list[str] = []

    def walk(lvl) -> None:
        out.extend(lvl.units)
        for c in lvl.children:
            walk(c)

    for lvl in lane.levels:
        walk(lvl)
    return out


def _chunks(text: str, per_line: int) -> list[str]:
    parts = text.split(", ")
    return [", ".join(parts[i : i + per_line]) for i in range(0, len(parts), per_line)]


__all__ = ["GREY", "journey_diagram", "spans"]
