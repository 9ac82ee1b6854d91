"""The rows of a case's journey table: the days, the events, the units in their lanes, the
needs without an owner, the handovers, the SIPs and the gaps met.

Each row is HTML-like Graphviz table markup, one ``<TD>`` per column of
:mod:`pathways.outputs.journey_columns`; :class:`JourneyRows` also remembers which symbols
it drew (the legend lists only those) and the handovers whose receiver missed something
(numbered notes under the table).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pathways.cases.trace import Trace
from pathways.model.model import Model
from pathways.outputs.journey_columns import Span, day_head, span_head
from pathways.outputs.lanes import lane_rows, lanes
from pathways.outputs.style import (
    GAP_BG,
    LIGHT_GREY,
    MUNICIPALITY_BG,
    REGION_BG,
    VERMILLION,
    esc,
    hyphenate,
    label,
    ranges,
    short_unit,
    t,
    wrap,
)

REGION_HOLD = "#7FB8DF"
"""The region lane's colour, darker: the unit that holds the patient."""
MUNICIPALITY_HOLD = "#E6D36B"


def cell(text: str = "", bg: str | None = None, bold: bool = False, colour: str | None = None, span: int = 1) -> str:
    attrs = f' BGCOLOR="{bg}"' if bg else ""
    if span > 1:
        attrs += f' COLSPAN="{span}"'
    inner = f"<B>{text}</B>" if bold and text else text
    if colour and text:
        inner = f'<FONT COLOR="{colour}">{inner}</FONT>'
    return f"<TD{attrs}>{inner}</TD>"


def _tr(cells: list[str]) -> str:
    return "<TR>" + "".join(cells) + "</TR>"


def _head(lang: str, key: str) -> str:
    return f'<TD ALIGN="LEFT"><B>{esc(t(lang, key))}</B></TD>'


@dataclass
class JourneyRows:
    """The rows of one journey table, with the text wrapped at ``wraps`` widths."""

    model: Model
    trace: Trace
    lang: str
    cols: list[Span]
    wraps: dict
    numbers: dict[str, int]
    used: set[str] = field(default_factory=set)
    """Symbols the diagram uses (the legend lists only these)."""
    missing_notes: list = field(default_factory=list)

    def _dates(self, c: Span) -> set[date]:
        return {self.trace.days[i].date for i in range(c.first, c.last + 1)}

    def rows(self) -> list[str]:
        return [
            self.days_row(),
            self.events_row(),
            *self.unit_rows(),
            *self.need_rows(),
            self.handover_row(),
            *([self.sip_row()] if self.trace.sips else []),
            self.gap_row(),
        ]

    def days_row(self) -> str:
        days, lang = self.trace.days, self.lang
        head = [_head(lang, "day")]
        for c in self.cols:
            d0, d1 = days[c.first].date, days[c.last].date
            weekend = all(days[i].date.weekday() >= 5 for i in range(c.first, c.last + 1))
            text = day_head(d0, lang) if c.first == c.last else span_head(c, d0, d1, lang)
            head.append(
                f'<TD BGCOLOR="{LIGHT_GREY if weekend else "white"}">{"<I>" + text + "</I>" if weekend else text}</TD>'
            )
        return _tr(head)

    def events_row(self) -> str:
        days = self.trace.days
        row = [_head(self.lang, "events")]
        for c in self.cols:
            evs = [e for i in range(c.first, c.last + 1) for e in days[i].events]
            names = list(dict.fromkeys(label(self.model, e["event"], self.lang) for e in evs))
            text = "<BR/>".join(
                "<BR/>".join(esc(x) for x in hyphenate("▶\u00a0" + n, self.wraps["event"])) for n in names
            )
            row.append(f'<TD BALIGN="LEFT" VALIGN="TOP">{text}</TD>' if names else "<TD></TD>")
        return _tr(row)

    def unit_rows(self) -> list[str]:
        """The units the patient meets, in their lanes: ● holds, ◐ holds part of the column, light: in contact."""
        model, days = self.model, self.trace.days
        engaged = sorted({u for d in days for u in d.engaged} | {d.unit for d in days if d.unit})
        kinds = {
            u: ("region" if lane.kind == "region" else "municipality")
            for lane in lanes(model, engaged)
            for u in _units_of(lane)
        }
        out = []
        for u in [u for r in lane_rows(model, lanes(model, engaged)) for u in r]:
            kind = kinds.get(u, "region")
            light = REGION_BG if kind == "region" else MUNICIPALITY_BG
            dark = REGION_HOLD if kind == "region" else MUNICIPALITY_HOLD
            name = "<BR/>".join(esc(x) for x in wrap(short_unit(model, u, self.lang), self.wraps["unit"]))
            row = [f'<TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{light}">{name}</TD>']
            for c in self.cols:
                holds = [days[i].unit == u for i in range(c.first, c.last + 1)]
                contact = [u in days[i].engaged for i in range(c.first, c.last + 1)]
                if all(holds):
                    row.append(cell("●", dark, bold=True))
                elif any(holds):
                    self.used.add("holds_part")
                    row.append(cell("◐", dark, bold=True))
                elif any(contact):
                    self.used.add("in_contact")
                    row.append(cell("", light))
                else:
                    row.append(cell())
            out.append(_tr(row))
        return out

    def need_rows(self) -> list[str]:
        """Needs without an owner as red bands; needs left without an owner on the same days share a row."""
        model, days = self.model, self.trace.days
        need_order = {n.id: i for i, n in enumerate(model.needs)}
        uncovered = sorted({n for d in days for n in d.uncovered}, key=lambda n: need_order.get(n, 1 << 20))
        groups: dict[tuple, list[str]] = {}
        for n in uncovered:
            groups.setdefault(tuple(n in d.uncovered for d in days), []).append(n)
        out = []
        for pattern, group in groups.items():
            name = "<BR/>".join(
                "<BR/>".join(esc(x) for x in wrap("✗\u00a0" + label(model, n, self.lang), self.wraps["need"]))
                for n in group
            )
            row = [f'<TD ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{GAP_BG}">{name}</TD>']
            for c in self.cols:
                gap = [pattern[i] for i in range(c.first, c.last + 1)]
                if any(gap):
                    self.used.add("no_owner_day")
                if all(gap):
                    row.append(cell('<FONT POINT-SIZE="13">✗</FONT>', VERMILLION, bold=True, colour="white"))
                elif any(gap):
                    row.append(cell(f"✗ {sum(gap)} d", VERMILLION, bold=True, colour="white"))
                else:
                    row.append(cell())
            out.append(_tr(row))
        return out

    def handover_row(self) -> str:
        """⇢ the receiving unit, with a numbered ⚠ where the receiver missed something."""
        lang = self.lang
        row = [_head(lang, "handovers")]
        for c in self.cols:
            span_dates = self._dates(c)
            parts = []
            for h in self.trace.handovers:
                if h.date in span_dates:
                    self.used.add("handover_to")
                    text = "<BR/>".join(
                        esc(x)
                        for x in wrap("⇢\u00a0" + short_unit(self.model, h.to_unit, lang), self.wraps["handover"])
                    )
                    if h.missing:
                        self.missing_notes.append((h, len(self.missing_notes) + 1))
                        text += (
                            f'<BR/><FONT COLOR="{VERMILLION}"><B>⚠ {esc(t(lang, "missing").lower())} '
                            f"({len(self.missing_notes)})</B></FONT>"
                        )
                    parts.append(text)
            row.append(f'<TD BALIGN="LEFT" VALIGN="TOP">{"<BR/>".join(parts)}</TD>' if parts else "<TD></TD>")
        return _tr(row)

    def sip_row(self) -> str:
        """⬡ a SIP held (late, if it was), ⬡✗ a SIP the model asks for that is not held."""
        lang = self.lang
        row = [_head(lang, "sip_short")]
        for c in self.cols:
            span_dates = self._dates(c)
            parts = []
            for s in self.trace.sips:
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
                    s.deadline in span_dates or (s.deadline is None and _at_date(self.trace, s.at) in span_dates)
                ):
                    parts.append(
                        f'<FONT COLOR="{VERMILLION}"><B>⬡✗</B><BR/>'
                        + "<BR/>".join(esc(x) for x in wrap(t(lang, "sip_not_held"), 10))
                        + "</FONT>"
                    )
            parts = list(dict.fromkeys(parts))  # one planning held at two SIP points shows once
            row.append(f'<TD BALIGN="LEFT">{"<BR/>".join(parts)}</TD>' if parts else "<TD></TD>")
        return _tr(row)

    def gap_row(self) -> str:
        """⚠ the numbers of the gaps met, in the column where each is met first."""
        days = self.trace.days
        row = [_head(self.lang, "gap_col")]
        seen: set[str] = set()
        for c in self.cols:
            ids = [f for i in range(c.first, c.last + 1) for f in days[i].findings]
            fresh = [f for f in dict.fromkeys(ids) if f not in seen]
            seen.update(fresh)
            nums = sorted(self.numbers[f] for f in fresh if f in self.numbers)
            if nums:
                self.used.add("gap_met")
            text = "<BR/>".join(esc(x) for x in _chunks(ranges(nums), 3)) if nums else ""
            row.append(cell(("⚠ " + text) if text else "", colour=VERMILLION, bold=True))
        return _tr(row)


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
