"""Needs without owner as a heat map: need × setting, one cell per pair.

The biggest group of findings (PW101, a need nobody owns for some patients in a setting)
has no box of its own on the gap map; here each one is a cell: the darker, the more
patient groups are left without an owner, with the finding's number and a letter for
each group, spelled out under the table, so the map reads without the table of gaps.
"""

from __future__ import annotations

import graphviz

from pathways.outputs.colours import GREY, HEAT_SHADES
from pathways.outputs.escape import esc, lines
from pathways.outputs.labels import label
from pathways.outputs.numbering import Numbered
from pathways.outputs.page import PORTRAIT, shade_legend, source_line, table_sheet, title_label
from pathways.outputs.summary import describe
from pathways.pipeline import Analysis
from pathways.texts import diagram_text, t


def _cell(item: Numbered | None, letters: dict[str, str], analysis: Analysis, lang: str) -> str:
    if item is None:
        return f'<TD BGCOLOR="{HEAT_SHADES[0]}"><FONT COLOR="{GREY}">–</FONT></TD>'
    f = item.finding
    groups = [letters[describe(analysis.model, c, lang)] for c in f.profiles] or ["–"]
    n = len(groups)
    ink = "white" if n >= 3 else "black"
    return f'<TD BGCOLOR="{HEAT_SHADES[min(n, 3)]}"><FONT COLOR="{ink}"><B>⚠ {item.number}</B>: {", ".join(groups)}</FONT></TD>'


def _letters(analysis: Analysis, items: list[Numbered], lang: str) -> dict[str, str]:
    """A letter for each patient group, in order of first appearance (a, b, ...: small
    letters, apart from the capital letters of the causes on the gap map)."""
    texts = dict.fromkeys(describe(analysis.model, c, lang) for i in items for c in i.finding.profiles)
    return {text: chr(ord("a") + k) if k < 26 else str(k + 1) for k, text in enumerate(texts)}


def uncovered_heatmap(analysis: Analysis, items: list[Numbered], lang: str = "sv") -> graphviz.Digraph:
    """The PW101 findings as a need × setting table, shaded by how many patient groups lack an owner."""
    model = analysis.model
    mine = [i for i in items if i.finding.rule == "PW101"]
    cells = {(i.finding.elements[0], i.finding.elements[1]): i for i in mine}
    letters = _letters(analysis, mine, lang)
    needs = [n.id for n in model.needs if any(k[0] == n.id for k in cells)]
    settings = [s.id for s in model.settings]
    head = "".join(f"<TD><B>{lines(label(model, s, lang), 20)}</B></TD>" for s in settings)
    rows = [f'<TR><TD ALIGN="LEFT"><B>{esc(t(lang, "need"))}</B></TD>{head}</TR>']
    for need in needs:
        body = "".join(_cell(cells.get((need, s)), letters, analysis, lang) for s in settings)
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{lines(label(model, need, lang), 40)}</TD>{body}</TR>')
    head_label = title_label(t(lang, "heatmap_title"), model, lang, page=PORTRAIT)[1:-1]
    title = (
        f'<TR><TD ALIGN="LEFT">{head_label}</TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>{esc(diagram_text(lang, "legend"))}</B><BR/>'
        f'<FONT COLOR="{GREY}">{lines(t(lang, "heatmap_note"), 80)}<BR/>{shade_legend()}</FONT></TD></TR>'
    )
    table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="2" COLOR="#BBBBBB">' + "".join(rows)
    key = "".join(
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><B>{letter}</B>: {lines(text, 80)}</TD></TR>'
        for text, letter in letters.items()
    )
    key = f'<TR><TD><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1">{key}</TABLE></TD></TR>'
    key += f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{GREY}">{lines(source_line(model, lang), 90)}</FONT></TD></TR>'
    return table_sheet(
        "gaps_uncovered",
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2">{title}<TR><TD>{table}</TABLE></TD></TR>{key}</TABLE>',
    )
