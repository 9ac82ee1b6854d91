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

import graphviz

from pathways.cases.trace import Trace
from pathways.model.model import Model
from pathways.outputs.journey_columns import spans
from pathways.outputs.journey_rows import JourneyRows
from pathways.outputs.numbering import Numbered
from pathways.outputs.style import (
    GREY,
    LANDSCAPE,
    MUNICIPALITY_BG,
    PORTRAIT,
    REGION_BG,
    VERMILLION,
    Cell,
    esc,
    finish,
    html_label,
    legend_table,
    natural_size,
    new_graph,
    short_unit,
    t,
    wrap,
)

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
    rows = JourneyRows(model, trace, lang, spans(trace), wraps, numbers)
    body = rows.rows()
    used, missing_notes = rows.used, rows.missing_notes
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


__all__ = ["GREY", "journey_diagram", "spans"]
