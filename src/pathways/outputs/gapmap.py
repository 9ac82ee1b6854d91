"""The gap map: the overview with each cause of gaps marked where it is, and the list of
causes on the same page.

A cause (:func:`pathways.outputs.summary.causes`: the one place in the agreement a change
would fix) has one mark, a letter in the order of importance (A matters most) with its
severity's shape and colour (● allvarligt, ▲ varning, ■ upplysning, ? öppen fråga) and,
when it holds several findings, their count: "● D (6)". The mark sits on the handover,
SIP or unit of the cause; a cause with no place on the map (needs nobody owns in a
setting, a boundary between patient groups) is only in the list. The list under the map
gives each cause a short text: what is wrong, where, and the numbers of its findings
(the numbers of the report and the case journeys). The needs without owner are also drawn
as a need × setting heat map (:mod:`pathways.outputs.heatmap`).

As findings grow the map stays the same size (one mark per cause), and the list's
columns and the page (portrait, else landscape) are chosen so no text is shrunk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import graphviz

from pathways.model.model import Model
from pathways.outputs.colours import BLACK, GAP_BG, GREY, LIGHT_GREY, SKY, VERMILLION, YELLOW
from pathways.outputs.dotrun import first_fit
from pathways.outputs.escape import esc, ranges, wrap
from pathways.outputs.numbering import Numbered, anchors
from pathways.outputs.overview import draw_map, map_symbols
from pathways.outputs.page import PORTRAIT, Page, finish, legend_table, new_graph
from pathways.outputs.summary import Cause, causes
from pathways.pipeline import Analysis
from pathways.texts import diagram_text as t

CAUSE_MARKS = {
    "error": ("●", VERMILLION, "white"),
    "warning": ("▲", YELLOW, BLACK),
    "info": ("■", SKY, BLACK),
    "open": ("?", LIGHT_GREY, BLACK),
}
"""Severity (or open question) -> the mark's shape, background and ink: never colour alone.
Vermillion, yellow and sky are far from the route colours (blue, reddish purple, green)."""

LAYOUTS = ((PORTRAIT, 1, 110, 18), (PORTRAIT, 1, 96, 16), (PORTRAIT, 2, 44, 14))
"""(page, columns of the cause list, characters per line, characters of a unit's name
per line), tried in order: the first that fits its page without shrinking, else the one
that shrinks least."""


def letter(k: int) -> str:
    """The mark of the k-th cause (1-based): A..Z, then AA, AB, ...

    >>> letter(1), letter(26), letter(27), letter(53)
    ('A', 'Z', 'AA', 'BA')
    """
    out = ""
    while k > 0:
        k, r = divmod(k - 1, 26)
        out = chr(ord("A") + r) + out
    return out


@dataclass(frozen=True, eq=False)
class Marked:
    """A cause with its letter and mark kind ("error", "warning", "info" or "open")."""

    letter: str
    cause: Cause

    @property
    def kind(self) -> str:
        return "open" if self.cause.open_question else self.cause.severity

    def mark(self) -> str:
        """The mark as escaped HTML text: shape, letter, and the count when more than one."""
        shape = CAUSE_MARKS[self.kind][0]
        n = len(self.cause.numbers)
        return f"{shape}\u00a0{self.letter}" + (f"\u00a0({n})" if n > 1 else "")


def marked_causes(analysis: Analysis, items: list[Numbered], lang: str) -> list[Marked]:
    return [Marked(letter(k), c) for k, c in enumerate(causes(analysis, items, lang), 1)]


def mark_cell(m: Marked) -> str:
    _shape, bg, ink = CAUSE_MARKS[m.kind]
    return f'<TD BGCOLOR="{bg}"><FONT COLOR="{ink}"><B>{esc(m.mark())}</B></FONT></TD>'


def mark_rows(marks: list[Marked], per_line: int = 2) -> str:
    """Table rows (escaped HTML) with the marks side by side, ``per_line`` to a row."""
    rows = []
    for i in range(0, len(marks), per_line):
        cells = "".join(mark_cell(m) for m in marks[i : i + per_line])
        rows.append(
            f'<TR><TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1"><TR>{cells}</TR></TABLE></TD></TR>'
        )
    return "".join(rows)


@dataclass
class Places:
    """The marks at each place of the map, by model id."""

    units: dict[str, list[Marked]]
    handovers: dict[str, list[Marked]]
    sips: dict[str, list[Marked]]


def places(model: Model, items: list[Numbered], marked: list[Marked]) -> Places:
    """Where each cause is marked: where its findings are (:func:`anchors`), once per place."""
    anc = anchors(model, items)
    of_number = {n: m for m in marked for n in m.cause.numbers}

    def collect(where: dict[str, list[int]]) -> dict[str, list[Marked]]:
        out: dict[str, list[Marked]] = defaultdict(list)
        for key, numbers in where.items():
            for m in dict.fromkeys(of_number[n] for n in numbers if n in of_number):
                out[key].append(m)
        return out

    return Places(collect(anc.units), collect(anc.handovers), collect(anc.sips))


@dataclass
class Group:
    """Causes of one kind (one rule, or needs without owner, or open questions): one line
    of the list. The map shows where each of them is; the list says what they are."""

    what: str
    kind: str
    marks: list[Marked]
    unplaced: list[Marked]
    """Causes with no mark on the map: the list says where they are."""


def groups(marked: list[Marked], placed: set[str], lang: str) -> list[Group]:
    """The causes grouped by what they are, in the order of their most important cause."""
    out: dict[tuple, Group] = {}
    rank = list(CAUSE_MARKS)
    for m in marked:
        c = m.cause
        key: tuple = (c.key[0],) if c.key[0] in ("PW101", "open") else ("rule", c.what)
        what = {"PW101": t(lang, "no_owner_group"), "open": t(lang, "open_question")}.get(key[0], c.what)
        g = out.setdefault(key, Group(what, m.kind, [], []))
        g.marks.append(m)
        if rank.index(m.kind) < rank.index(g.kind):
            g.kind = m.kind
        if m.letter not in placed:
            g.unplaced.append(m)
    return list(out.values())


def where_text(m: Marked, lang: str) -> str:
    """Where a cause with no mark on the map is, in words."""
    c = m.cause
    if c.key[0] == "PW101":
        return t(lang, "no_owner_where", n=len(c.numbers), where=c.where.lower())
    if c.open_question:
        return f"{c.what}, {c.where.lower()}"
    return c.where


def group_text(g: Group, lang: str) -> tuple[str, int]:
    """One line of the list: the letters and what they are (the bold head, its length
    returned too), where the unplaced ones are, and the findings' numbers."""
    head = f"{', '.join(m.letter for m in g.marks)} {g.what}"
    numbers = sorted(n for m in g.marks for n in m.cause.numbers)
    where = "; ".join(f"{m.letter}: {where_text(m, lang)}" for m in g.unplaced)
    nums = t(lang, "cause_numbers" if len(numbers) > 1 else "cause_number", n=len(numbers), numbers=ranges(numbers))
    return head + (f". {where}" if where else "") + f". {nums}.", len(head)


def bold_head(lines: list[str], n: int) -> str:
    """Wrapped lines as escaped HTML, left-aligned, the first ``n`` characters in bold.

    >>> bold_head(["A, B Overlap", "at home."], 7)
    '<B>A, B Ov</B>erlap<BR ALIGN="LEFT"/>at home.<BR ALIGN="LEFT"/>'
    """
    out = []
    for line in lines:
        k = min(n, len(line))
        out.append((f"<B>{esc(line[:k])}</B>" if k else "") + esc(line[k:]) + '<BR ALIGN="LEFT"/>')
        n = max(0, n - len(line) - 1)
    return "".join(out)


def _group_cells(g: Group, lang: str, width: int) -> tuple[str, int]:
    """The two cells of one line of the list (escaped HTML), and its number of lines."""
    shape, bg, ink = CAUSE_MARKS[g.kind]
    text, head = group_text(g, lang)
    lines = wrap(text, width)
    mark = f'<TD BGCOLOR="{bg}" VALIGN="TOP"><FONT COLOR="{ink}"><B>{shape}</B></FONT></TD>'
    return f'{mark}<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">{bold_head(lines, head)}</TD>', len(lines)


def cause_list(groups_: list[Group], lang: str, columns: int, width: int) -> str:
    """The list as one table (escaped HTML) of ``columns`` columns, read down each in turn,
    the columns split where their lines balance."""
    cells = [_group_cells(g, lang, width) for g in groups_]
    total = sum(n for _, n in cells)
    cols: list[list[str]] = [[]]
    done = 0
    for html, n in cells:
        if cols[-1] and len(cols) < columns and done >= total * len(cols) / columns:
            cols.append([])
        cols[-1].append(html)
        done += n
    gap = '<TD WIDTH="12"></TD>'
    rows = [
        gap.join(c[r] if r < len(c) else '<TD COLSPAN="2"></TD>' for c in cols)
        for r in range(max(len(c) for c in cols))
    ]
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1">'
        + "".join(f"<TR>{r}</TR>" for r in rows)
        + "</TABLE>"
    )


def mark_symbols(lang: str, marked: list[Marked]) -> list:
    """The legend cells of the mark kinds the map uses, then what a mark says."""
    cells: list = []
    used = dict.fromkeys(m.kind for m in marked)
    for kind in CAUSE_MARKS:
        if kind in used:
            shape, bg, ink = CAUSE_MARKS[kind]
            box = f'<TABLE BORDER="0" CELLPADDING="1"><TR><TD BGCOLOR="{bg}" FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="16"><FONT COLOR="{ink}"><B>{shape}</B></FONT></TD></TR></TABLE>'
            cells.append((box, esc(t(lang, f"cause_{kind}"))))
    cells.append(("<B>A\u00a0(n)</B>", esc(t(lang, "cause_mark"))))
    return cells


def _gap_map(
    model: Model, lang: str, items: list[Numbered], marked: list[Marked], layout: tuple[Page, int, int, int]
) -> graphviz.Digraph:
    page, columns, width, unit_width = layout
    at = places(model, items, marked)
    g, canvas = new_graph(
        "gap_overlay", page, rankdir="TB", nodesep="0.04", ranksep="0.22", mclimit="0.01", splines="polyline"
    )
    unit_extra = {u: {"color": VERMILLION, "penwidth": "2.5", "fillcolor": GAP_BG} for u in at.units}
    draw_map(
        canvas,
        model,
        lang,
        anchors(model, []),
        unit_extra=unit_extra,
        # each mark tied to its arrow by a line, so it cannot be read as another arrow's
        edge_extra={h: {"decorate": "true"} for h in at.handovers},
        unit_marks={u: mark_rows(ms, 3) for u, ms in at.units.items()},
        edge_marks={h: mark_rows(ms, 3) for h, ms in at.handovers.items()},
        sip_marks={s: mark_rows(ms, 1) for s, ms in at.sips.items()},
        unit_width=unit_width,
        flat_xlabel=True,
    )
    blocks: list = [(None, map_symbols(model, lang), 3), (None, mark_symbols(lang, marked), 4)]
    heading = f"<B>{esc(t(lang, 'cause_list'))}</B>"
    note = f'<FONT COLOR="{GREY}">{esc(t(lang, "cause_list_note"))}</FONT>'
    placed = {m.letter for ms in (*at.units.values(), *at.handovers.values(), *at.sips.values()) for m in ms}
    blocks.append((f"{heading} {note}", [cause_list(groups(marked, placed, lang), lang, columns, width)], 1))
    legend = legend_table(blocks, model, lang, width=int(page.width * 12))
    return finish(g, canvas, t(lang, "gaps_title"), model, lang, legend)


def gap_map(analysis: Analysis, items: list[Numbered], lang: str = "sv") -> graphviz.Digraph:
    """The gap map on the first layout of :data:`LAYOUTS` that fits A4 without shrinking."""
    marked = marked_causes(analysis, items, lang)
    model = analysis.model

    def build(layout: tuple[Page, int, int, int]):
        return lambda: _gap_map(model, lang, items, marked, layout)

    return first_fit((build(layout), layout[0]) for layout in LAYOUTS)
